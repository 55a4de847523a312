"""The monthly billing report: per dose the administered and discarded drug in mg and in
J9229 units, the JW line for discarded units or JZ when nothing was discarded, the 11-digit
NDC with its unit of measure, and totals per patient and for the month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.bench.waste import Month, WasteKind
from ino_desk.domain.billing import (
    DISCARDED_MODIFIER,
    HCPCS_CODE,
    NDC_UNIT_OF_MEASURE,
    NOTHING_DISCARDED_MODIFIER,
    BillingRounding,
    DoseBilling,
    bill_dose,
    ndc_11,
)
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.services.ports.billing import BilledDose

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class BilledRow:
    dose: BilledDose
    billing: DoseBilling

    @property
    def lines(self) -> tuple[tuple[str, str, int, Decimal], ...]:
        """The claim lines: (HCPCS, modifier, units, mg)."""
        b = self.billing
        given_modifier = b.modifier if b.modifier == NOTHING_DISCARDED_MODIFIER else ""
        lines = []
        if b.administered_units:
            lines.append((HCPCS_CODE, given_modifier, b.administered_units, b.administered_mg))
        if b.discarded_units:
            lines.append((HCPCS_CODE, DISCARDED_MODIFIER, b.discarded_units, b.discarded_mg))
        return tuple(lines)


@dataclass(frozen=True, slots=True)
class BillingTotal:
    """Totals of a patient (mrn, name) or of the month (both "")."""

    mrn: str
    patient_name: str
    doses: int
    vials: int
    administered_mg: Decimal
    discarded_mg: Decimal
    administered_units: int
    discarded_units: int


@dataclass(frozen=True, slots=True)
class BillingReport:
    month: Month
    zone: str
    site: str
    rounding: BillingRounding
    ndc: str
    ndc_unit: str
    rows: tuple[BilledRow, ...]
    patients: tuple[BillingTotal, ...]
    total: BillingTotal


def _vials(dose: BilledDose) -> int:
    """Vials opened: those on the residue records (each bag opens its own), else the dose's."""
    opened = sum(w.vials for w in dose.waste if w.kind is WasteKind.RESIDUAL)
    return opened or dose.vials


def _row(rules: ClinicalRules, rule: BillingRounding, dose: BilledDose) -> BilledRow:
    given = dose.dose_mg if dose.status is DoseStatus.GIVEN else Decimal(0)
    discarded = sum((w.discarded_mg for w in dose.waste), Decimal(0))
    vials = _vials(dose)
    billing = bill_dose(given, discarded, vials, rules.vial_strength_mg.value, rule)
    return BilledRow(dose, billing)


def _total(rows: list[BilledRow], mrn: str = "", name: str = "") -> BillingTotal:
    return BillingTotal(
        mrn=mrn,
        patient_name=name,
        doses=len(rows),
        vials=sum(r.billing.vials for r in rows),
        administered_mg=sum((r.billing.administered_mg for r in rows), Decimal(0)),
        discarded_mg=sum((r.billing.discarded_mg for r in rows), Decimal(0)),
        administered_units=sum(r.billing.administered_units for r in rows),
        discarded_units=sum(r.billing.discarded_units for r in rows),
    )


def billing_report(
    store: Store, rules: ClinicalRules, month: Month, zone: ZoneInfo
) -> BillingReport:
    """Doses given in the month (local midnights) and doses discarded in it without being
    given, billed by the site's rounding rule."""
    start = datetime.combine(month.first, time(), tzinfo=zone)
    end = datetime.combine(month.after, time(), tzinfo=zone)

    def action(uow: UnitOfWork) -> tuple[list[BilledDose], str, BillingRounding]:
        settings = uow.settings.get()
        return uow.billing.doses_to_bill(start, end), settings.site_name, settings.billing_rounding

    doses, site, rule = store.read(action)
    rows = [_row(rules, rule, d) for d in doses]
    by_patient: dict[tuple[str, str], list[BilledRow]] = {}
    for row in rows:
        by_patient.setdefault((row.dose.mrn, row.dose.patient_name), []).append(row)
    return BillingReport(
        month=month,
        zone=zone.key,
        site=site,
        rounding=rule,
        ndc=ndc_11(rules.product_ndc.value),
        ndc_unit=NDC_UNIT_OF_MEASURE,
        rows=tuple(rows),
        patients=tuple(_total(r, mrn, name) for (mrn, name), r in by_patient.items()),
        total=_total(rows),
    )
