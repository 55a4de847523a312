"""Use cases the workstation screens need on top of the store: overviews, gates, reductions.

Everything clinical is computed by the domain (plan_cycle, pre_dose_findings, checklist,
modifications); this module only gathers stored facts for it and saves the answers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.checklist import (
    ChecklistItem,
    items_for_dose,
    missing_items,
    premedication_timing_findings,
)
from ino_desk.domain.checks import DoseContext, pre_dose_findings
from ino_desk.domain.course import Course, Cycle, DoseDay, DoseStatus
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.lab_panel import LabPanel
from ino_desk.domain.labs import LabResult, Measurement
from ino_desk.domain.measurements import read_age_years
from ino_desk.domain.modifications import ReductionLevel, check_level_change
from ino_desk.domain.patient import Patient, required_text
from ino_desk.domain.plan import CyclePlan, plan_cycle
from ino_desk.domain.quantities import percent_difference
from ino_desk.domain.records import ChecklistCompletion
from ino_desk.services import cycles as cycle_cases
from ino_desk.services.doses import record_dose_status
from ino_desk.services.ports import Change

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from ino_desk.domain.cycle_limits import CycleOutcome
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.rules import ClinicalRules, RegimenRow
    from ino_desk.services.cycles import CycleInput, SavedCycle
    from ino_desk.services.ports import Store, UnitOfWork

# Product requirement of issue 5 (site policy, not a label rule): flag a weight that moved
# more than this from the course's first cycle, because VOD shows as weight gain (PI 5).
WEIGHT_CHANGE_ALERT_PERCENT = Decimal(10)


@dataclass(frozen=True, slots=True)
class CycleRecord:
    cycle: Cycle
    doses: tuple[DoseDay, ...]


@dataclass(frozen=True, slots=True)
class CourseRecord:
    course: Course
    cycles: tuple[CycleRecord, ...]


@dataclass(frozen=True, slots=True)
class PatientOverview:
    """Everything the patient page shows, read in one transaction."""

    patient: Patient
    measurements: tuple[Measurement, ...]  # newest first
    labs: tuple[LabResult, ...]  # newest first
    courses: tuple[CourseRecord, ...]

    @property
    def current_course(self) -> CourseRecord | None:
        return self.courses[-1] if self.courses else None


def patient_overview(store: Store, patient_id: int) -> PatientOverview:
    def action(uow: UnitOfWork) -> PatientOverview:
        courses = []
        for course in sorted(
            uow.courses.for_patient(patient_id), key=lambda c: (c.started_on, c.id or 0)
        ):
            assert course.id is not None
            cycles = tuple(
                CycleRecord(c, tuple(uow.doses.for_cycle(c.id or 0)))
                for c in uow.cycles.for_course(course.id)
            )
            courses.append(CourseRecord(course, cycles))
        return PatientOverview(
            uow.patients.get(patient_id),
            tuple(uow.measurements.for_patient(patient_id)),
            tuple(uow.labs.for_patient(patient_id)),
            tuple(courses),
        )

    return store.read(action)


# ------------------------------------------------------------------ weight change


@dataclass(frozen=True, slots=True)
class WeightChange:
    measurement: Measurement
    percent: Decimal | None  # vs the course's first cycle; None without a course
    flagged: bool


def weight_changes(
    measurements: Sequence[Measurement], reference_weight_kg: Decimal | None
) -> list[WeightChange]:
    result = []
    for m in measurements:
        if reference_weight_kg is None or reference_weight_kg <= 0:
            result.append(WeightChange(m, None, False))
            continue
        change = percent_difference(m.weight_kg, reference_weight_kg)
        result.append(WeightChange(m, change, abs(change) > WEIGHT_CHANGE_ALERT_PERCENT))
    return result


def course_reference_weight(course: CourseRecord | None) -> Decimal | None:
    """The weight the course's first cycle was dosed with."""
    if course is None or not course.cycles:
        return None
    return course.cycles[0].cycle.weight_kg


# ------------------------------------------------------------------ reductions


def _row(rules: ClinicalRules, key: str) -> RegimenRow | None:
    for row in (rules.regimen_cycle1, rules.regimen_later_cr_cri, rules.regimen_later_no_response):
        if row.key == key:
            return row
    return None


def cycle_reduction_level(rules: ClinicalRules, record: CycleRecord) -> ReductionLevel:
    """Read the level a saved cycle was planned at from its dose days and its Table 1 row."""
    row = _row(rules, record.cycle.regimen_row)
    if row is None or not record.doses:
        return ReductionLevel.FULL
    if len(record.doses) < len(row.doses_mg_per_m2):
        return ReductionLevel.TWO_DOSES
    full = dict(row.doses_mg_per_m2)
    if any(d.mg_per_m2 < full.get(d.day, d.mg_per_m2) for d in record.doses):
        return ReductionLevel.REDUCED_TOTAL
    return ReductionLevel.FULL


def course_reduction_level(rules: ClinicalRules, course: CourseRecord | None) -> ReductionLevel:
    """The highest level any cycle of the course reached: later cycles never go below it."""
    if course is None:
        return ReductionLevel.FULL
    levels = [cycle_reduction_level(rules, c) for c in course.cycles]
    return max(levels, default=ReductionLevel.FULL)


@dataclass(frozen=True, slots=True)
class Reduction:
    level: ReductionLevel = ReductionLevel.FULL
    days: tuple[int, ...] = ()  # the pharmacist's days at TWO_DOSES


def _reduced_plan(
    rules: ClinicalRules,
    uow: UnitOfWork,
    given: CycleInput,
    reduction: Reduction,
    previous: CycleOutcome | None,
) -> CyclePlan:
    course = uow.courses.get(given.course_id)
    assert course.id is not None
    patient = uow.patients.get(course.patient_id)
    read_age_years(patient.age_on(given.start), rules, field="patient age")
    record = CourseRecord(
        course,
        tuple(
            CycleRecord(c, tuple(uow.doses.for_cycle(c.id or 0)))
            for c in uow.cycles.for_course(course.id)
        ),
    )
    check_level_change(course_reduction_level(rules, record), reduction.level)
    m = uow.measurements.get(given.measurement_id)
    request = cycle_cases._request(rules, uow, course, m, given)
    outcomes = request.outcomes
    if previous is not None and outcomes:
        # The pharmacist states the previous cycle's response on this form: plan with it.
        outcomes = (*outcomes[:-1], previous)
    request = replace(
        request, outcomes=outcomes, reduction=reduction.level, reduced_days=reduction.days
    )
    return plan_cycle(rules, request)


def preview_next_cycle(
    store: Store,
    rules: ClinicalRules,
    given: CycleInput,
    reduction: Reduction,
    previous: CycleOutcome | None = None,
) -> CyclePlan:
    """The plan the course's next cycle would get; nothing is saved."""
    return store.read(lambda uow: _reduced_plan(rules, uow, given, reduction, previous))


def save_next_cycle(
    store: Store,
    rules: ClinicalRules,
    given: CycleInput,
    reduction: Reduction,
    who: str,
    previous: CycleOutcome | None = None,
) -> SavedCycle:
    """Record the previous cycle's response, then plan and save the next cycle, all at once.

    A plan with blocking findings is saved only with the override reason, stored with the
    codes it overrides and the planner's name; a reduction never goes back a level.
    """

    def action(uow: UnitOfWork) -> SavedCycle:
        earlier = uow.cycles.for_course(given.course_id)
        if previous is not None and earlier:
            last = earlier[-1]
            if (last.response, last.mrd_negative) != (previous.response, previous.mrd_negative):
                uow.cycles.update(
                    replace(last, response=previous.response, mrd_negative=previous.mrd_negative),
                    Change(who, f"response of cycle {last.number}, stated when planning the next"),
                )
        plan = _reduced_plan(rules, uow, given, reduction, None)
        blocking = tuple(f for f in plan.findings if f.blocks)
        if blocking and not given.override_reason.strip():
            raise cycle_cases.PlanBlockedError(blocking)
        m = uow.measurements.get(given.measurement_id)
        change = Change(who, given.override_reason)
        cycle = uow.cycles.add(cycle_cases._cycle_from_plan(plan, given, m, blocking, who), change)
        assert cycle.id is not None
        doses = tuple(
            uow.doses.add(d, change) for d in cycle_cases._doses_from_plan(plan, cycle.id)
        )
        course = uow.courses.get(given.course_id)
        if course.first_bsa_m2 is None:
            uow.courses.update(
                replace(course, first_bsa_m2=plan.request.bsa_m2),
                Change(who, f"first BSA of the course, from cycle {cycle.number}"),
            )
        return cycle_cases.SavedCycle(cycle, doses, plan)

    return store.write(action)


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
    store: Store, rules: ClinicalRules, dose_id: int, who: str, override_reason: str = ""
) -> DoseDay:
    """Mark a dose given after its gates; a blocking finding needs a typed reason, saved with it."""
    blocking = tuple(f for f in dose_gates(store, rules, dose_id) if f.blocks)
    reason = override_reason.strip()
    if blocking and not reason:
        raise DoseBlockedError(blocking)
    if blocking:
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
    store: Store, dose_id: int, item_key: str, title: str, given: PremedicationGiven, who: str
) -> ChecklistCompletion:
    """Tick a premedication item; a dose given at or after the infusion start is refused.

    The store's checklist row keeps who and when; drug, dose, route and time go into the
    audit event of the tick (its reason), which the audit chain protects.
    """
    for finding in premedication_findings(store, given, title):
        if finding.blocks:
            raise InputError("time given", finding.message)

    def action(uow: UnitOfWork) -> ChecklistCompletion:
        uow.doses.get(dose_id)
        for done in uow.checklist.for_dose(dose_id):
            if done.item_key == item_key:
                return done
        tick = ChecklistCompletion(dose_id, item_key, who, uow.now())
        return uow.checklist.add(tick, Change(who, given.describe()))

    return store.write(action)
