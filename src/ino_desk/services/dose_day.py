"""One dose day: pre-dose gates, confirming it given, its checklist and premedications.

The gates and checklist items come from the domain (pre_dose_findings, items_for_dose,
premedication_timing_findings); this module reads the stored facts they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ino_desk.domain.checklist import (
    ChecklistItem,
    items_for_dose,
    missing_items,
    premedication_timing_findings,
)
from ino_desk.domain.checks import DoseContext, pre_dose_findings
from ino_desk.domain.course import DoseDay, DoseStatus
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.lab_panel import LabPanel
from ino_desk.domain.patient import required_text
from ino_desk.domain.records import ChecklistCompletion
from ino_desk.domain.users import Permission
from ino_desk.services.authority import acting, change_by
from ino_desk.services.doses import record_dose_status

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from ino_desk.domain.findings import Finding
    from ino_desk.domain.labs import LabResult
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.users import User
    from ino_desk.services.ports import Store, UnitOfWork

# ------------------------------------------------------------------ pre-dose gates


def _panel(result: LabResult) -> LabPanel:
    return LabPanel(
        taken_on=result.drawn_on,
        anc=result.anc_10e9_per_l,
        platelets=result.platelets_10e9_per_l,
        platelets_transfused_since=result.platelets_transfused_since,
        total_bilirubin=result.total_bilirubin,
        total_bilirubin_uln=result.total_bilirubin_uln,
        ast=result.ast_u_per_l,
        ast_uln=result.ast_uln_u_per_l,
        alt=result.alt_u_per_l,
        alt_uln=result.alt_uln_u_per_l,
        peripheral_blasts_per_mm3=result.peripheral_blasts_per_mm3,
    )


def _latest_on_or_before(labs: Sequence[LabResult], day: date) -> LabResult | None:
    candidates = [r for r in labs if r.drawn_on <= day]
    return max(candidates, key=lambda r: (r.drawn_on, r.id or 0), default=None)


def _dose_context(uow: UnitOfWork, dose: DoseDay) -> DoseContext:
    cycle = uow.cycles.get(dose.cycle_id)
    course = uow.courses.get(cycle.course_id)
    labs = uow.labs.for_patient(course.patient_id)
    current = _latest_on_or_before(labs, dose.planned_date)
    earlier_cycles = [c for c in uow.cycles.for_course(course.id or 0) if c.number < cycle.number]
    baseline = None
    if earlier_cycles:
        previous = max(earlier_cycles, key=lambda c: c.number)
        base = _latest_on_or_before(labs, previous.start)
        baseline = _panel(base) if base else None
    given_before = [
        d.planned_date
        for c in [*earlier_cycles, cycle]
        for d in uow.doses.for_cycle(c.id or 0)
        if d.status in (DoseStatus.GIVEN, DoseStatus.REDUCED)
        and d.id != dose.id
        and d.planned_date <= dose.planned_date
    ]
    return DoseContext(
        cycle=cycle.number,
        day=dose.day,
        dose_date=dose.planned_date,
        current=_panel(current) if current else None,
        baseline=baseline,
        previous_dose_date=max(given_before, default=None),
        # Recorded on the course by a pharmacist (services.course_facts); no lab row has them.
        vod_diagnosed=course.vod_diagnosed_on is not None,
        low_counts_since=course.low_counts_since,
        crcl_ml_per_min=course.crcl_ml_per_min,
        on_dialysis=bool(course.on_dialysis),
    )


def dose_gates(store: Store, rules: ClinicalRules, dose_id: int) -> list[Finding]:
    """The pre-dose findings for a saved dose, from the labs on or before its date."""

    def action(uow: UnitOfWork) -> list[Finding]:
        return pre_dose_findings(rules, _dose_context(uow, uow.doses.get(dose_id)))

    return store.read(action)


class DoseBlockedError(DomainError):
    """A blocking pre-dose finding stands and no override reason was typed; nothing saved."""

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


def confirm_dose_given(
    store: Store, rules: ClinicalRules, dose_id: int, who: User, override_reason: str = ""
) -> DoseDay:
    """Mark a dose given after its gates; a blocking finding needs a typed reason, saved with it."""
    blocking = tuple(f for f in dose_gates(store, rules, dose_id) if f.blocks)
    reason = override_reason.strip()
    if blocking and not reason:
        raise DoseBlockedError(blocking)
    if blocking:
        store.read(lambda uow: acting(uow, who, Permission.OVERRIDE_FINDINGS))
        codes = ", ".join(f.code for f in blocking)
        reason = f"Override of {codes}: {reason}"
    return record_dose_status(store, rules, dose_id, DoseStatus.GIVEN, who, reason)


# ------------------------------------------------------------------ checklist


@dataclass(frozen=True, slots=True)
class ChecklistState:
    items: tuple[ChecklistItem, ...]
    ticks: dict[str, ChecklistCompletion]

    @property
    def missing(self) -> list[ChecklistItem]:
        return missing_items(self.items, self.ticks)

    @property
    def complete(self) -> bool:
        return not self.missing


def checklist_state(store: Store, rules: ClinicalRules, dose_id: int) -> ChecklistState:
    def action(uow: UnitOfWork) -> ChecklistState:
        dose = uow.doses.get(dose_id)
        cycle = uow.cycles.get(dose.cycle_id)
        items = items_for_dose(rules, cycle.number, dose.day)
        return ChecklistState(items, {t.item_key: t for t in uow.checklist.for_dose(dose_id)})

    return store.read(action)


def require_reason(status: DoseStatus, reason: str) -> str:
    """Held, omitted and reduced doses need a reason; say so before any storage is touched."""
    if status.needs_reason and not reason.strip():
        raise InputError("reason", f"a {status.value} dose needs a reason")
    return reason.strip()


# ------------------------------------------------------------------ premedication


@dataclass(frozen=True, slots=True)
class PremedicationGiven:
    """What was given for one premedication item; times are timezone-aware."""

    drug: str
    dose: str  # as written on the order, e.g. "650 mg"; the site's template names the drug
    route: str
    given_at: datetime
    infusion_start: datetime

    def __post_init__(self) -> None:
        required_text(self.drug, "drug", 100)
        required_text(self.dose, "dose", 40)
        required_text(self.route, "route", 20)
        if self.given_at.tzinfo is None or self.infusion_start.tzinfo is None:
            raise InputError("time given", "must carry its timezone")

    def describe(self) -> str:
        return (
            f"{self.drug} {self.dose} {self.route} given {self.given_at.isoformat()} "
            f"before an infusion starting {self.infusion_start.isoformat()}"
        )


def premedication_findings(store: Store, given: PremedicationGiven, title: str) -> list[Finding]:
    """Before the infusion (PI 2.2); the lead time is the site's policy, not the label's."""
    lead = store.read(lambda uow: uow.settings.get().premedication_lead_minutes)
    return premedication_timing_findings(given.given_at, given.infusion_start, lead, title)


def record_premedication(
    store: Store, dose_id: int, item_key: str, title: str, given: PremedicationGiven, who: User
) -> ChecklistCompletion:
    """Tick a premedication item; a dose given at or after the infusion start is refused.

    The checklist row keeps who ticked it and when, and what was given: drug, dose, route,
    time given and the planned infusion start, so reopening and printouts show them; the
    audit event of the tick repeats them in its reason.
    """
    for finding in premedication_findings(store, given, title):
        if finding.blocks:
            raise InputError("time given", finding.message)

    def action(uow: UnitOfWork) -> ChecklistCompletion:
        change = change_by(uow, who, Permission.TICK_CHECKLIST, given.describe())
        uow.doses.get(dose_id)
        for done in uow.checklist.for_dose(dose_id):
            if done.item_key == item_key:
                return done
        tick = ChecklistCompletion(
            dose_id,
            item_key,
            change.who,
            uow.now(),
            premed_drug=given.drug.strip(),
            premed_dose=given.dose.strip(),
            premed_route=given.route.strip(),
            premed_given_at=given.given_at,
            infusion_start=given.infusion_start,
        )
        return uow.checklist.add(tick, change)

    return store.write(action)
