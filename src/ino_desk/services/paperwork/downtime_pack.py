"""Use case: put the downtime pack together from the store (the database or the snapshot).

Every dose planned in the coming days, for each its patient, its last verified order, its
bag figures as stored, and what the course authority says about giving it on its own day
(`findings_on_their_day`, the one authority; nothing is checked here). The quick reference
takes every figure from the label pack with its section.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ino_desk.domain.printed.downtime_pack import DowntimePack, PackDose, ReferenceLine
from ino_desk.domain.quantities import format_number, format_quantity
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.services.paperwork.order_signatures import live_signatures
from ino_desk.services.planning.course_history import findings_on_their_day

if TYPE_CHECKING:
    from datetime import date, datetime

    from ino_desk.domain.rules import ClinicalRules, Fact, RegimenRow
    from ino_desk.services.ports.store import Store, UnitOfWork

PACK_DAYS = 7  # the doses of today and the next seven days
MAX_DOSES = 5000  # a pharmacy's week is far below this; a bound keeps one print finite


def assemble_downtime_pack(
    store: Store, rules: ClinicalRules, today: date, printed_at: datetime, source: str
) -> DowntimePack:
    """The pack for the doses planned from `today` to PACK_DAYS days later."""
    last = today + timedelta(days=PACK_DAYS)

    def action(uow: UnitOfWork) -> DowntimePack:
        rows = uow.queries.doses_due(today, last, MAX_DOSES)
        findings = findings_on_their_day(uow, rules, (r.dose_id for r in rows))
        doses = []
        for row in rows:
            dose = uow.doses.get(row.dose_id)
            patient = uow.patients.get(row.patient_id)
            verified = live_signatures(uow, row.dose_id).get(Meaning.VERIFIED_ORDER)
            doses.append(
                PackDose(
                    mrn=row.mrn,
                    patient_name=row.patient_name,
                    date_of_birth=patient.date_of_birth,
                    allergies=patient.allergies or "none known",
                    cycle_number=row.cycle_number,
                    day=dose.day,
                    planned_date=dose.planned_date,
                    window_start=dose.window_start,
                    window_end=dose.window_end,
                    status=dose.status,
                    dose_mg=dose.dose_mg,
                    vials=dose.vials,
                    drug_volume_ml=dose.drug_volume_ml,
                    diluent_ml=dose.diluent_ml,
                    total_volume_ml=dose.total_volume_ml,
                    verified_by=None if verified is None else verified.full_name,
                    verified_at=None if verified is None else verified.signed_at,
                    findings=findings.get(row.dose_id, ()),
                )
            )
        settings = uow.settings.get()
        doses.sort(key=lambda d: (d.planned_date, d.patient_name, d.mrn, d.day))
        return DowntimePack(
            site_name=settings.site_name,
            label_revision=f"{rules.info.jurisdiction} PI {rules.info.revision}",
            printed_at=printed_at,
            source=source,
            first_day=today,
            last_day=last,
            doses=tuple(doses),
            reference=quick_reference(rules),
            site_policy=settings.policy.lines(),
            paper=settings.paper_size,
        )

    return store.read(action)


def _regimen(row: RegimenRow) -> str:
    days = ", ".join(
        f"Day {day} {format_quantity(dose, 'mg/m²')}" for day, dose in row.doses_mg_per_m2
    )
    return f"{days}; cycle {row.cycle_length_days} days"


PRINTED_UNITS = {"10^9/L": "× 10⁹/L", "x ULN": "× ULN"}
COUNTED = frozenset({"day", "hour", "minute", "cycle", "month", "year"})


def _fact(fact: Fact[Any]) -> str:
    """The figure with its unit as printed: 6 days, 1 hour, 1 × 10⁹/L, 1.5 × ULN."""
    value = fact.value
    shown = format_number(value) if isinstance(value, Decimal) else str(value)
    unit = PRINTED_UNITS.get(fact.unit, fact.unit)
    if unit in COUNTED and value != 1:
        unit += "s"
    return f"{shown} {unit}".strip()


def quick_reference(rules: ClinicalRules) -> tuple[ReferenceLine, ...]:
    """The label pack's figures a pharmacy needs on paper, each with its section."""
    r = rules

    def line(topic: str, fact: Fact[Any], text: str | None = None) -> ReferenceLine:
        return ReferenceLine(topic, text or _fact(fact), fact.citation)

    regimens = (
        ("Cycle 1", r.regimen_cycle1),
        ("Later cycles, CR/CRi", r.regimen_later_cr_cri),
        ("Later cycles, no CR/CRi", r.regimen_later_no_response),
    )
    return (
        *(ReferenceLine(t, _regimen(row), f"PI {row.section}") for t, row in regimens),
        line("Dose window", r.dose_window_days, f"± {r.dose_window_days.value} days"),
        line(
            "Days between doses",
            r.min_days_between_doses,
            f"at least {_fact(r.min_days_between_doses)}",
        ),
        line("Vial", r.vial_strength_mg),
        line("Reconstitute with", r.reconstitution_volume_ml),
        line("Reconstituted", r.reconstituted_concentration_mg_per_ml),
        line("Deliverable volume", r.deliverable_volume_ml),
        line("Bag total volume", r.bag_total_volume_ml),
        line("Diluent sodium chloride", r.diluent_sodium_chloride_percent),
        line("Bag concentration from", r.min_concentration_mg_per_ml),
        line("Bag concentration to", r.max_concentration_mg_per_ml),
        line("Infusion time", r.infusion_minutes),
        line("Infusion rate", r.infusion_rate_ml_per_h),
        line("Reconstitution to dilution, max", r.max_reconstitution_to_dilution_h),
        line("Reconstitution to end of infusion, max", r.max_reconstitution_to_end_of_infusion_h),
        line("Reconstituted, refrigerated, max", r.reconstituted_refrigerated_max_h),
        line("Diluted, room temperature, max", r.diluted_room_temperature_max_h),
        line("Diluted, refrigerated, max", r.diluted_refrigerated_max_h),
        line("Refrigerated bag warm-up", r.refrigerated_bag_warm_up_h),
        line("ANC before a dose, at least", r.anc_threshold_10e9_per_l),
        line("Platelets before a dose, at least", r.platelet_threshold_10e9_per_l),
        line("Hold when bilirubin above", r.bilirubin_hold_x_uln),
        line("Hold when AST/ALT above", r.ast_alt_hold_x_uln),
        line("Observation after infusion", r.observation_after_infusion_min),
    )
