"""Plan the course's next cycle at a reduction level, recording the previous response.

The domain plans (plan_cycle) and refuses re-escalation (check_level_change); this module
gathers the stored course for it and saves the plan with its dose days in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ino_desk.domain.measurements import read_age_years
from ino_desk.domain.modifications import ReductionLevel, check_level_change
from ino_desk.domain.plan import CyclePlan, plan_cycle
from ino_desk.services import cycles as cycle_cases
from ino_desk.services.patient_overview import CourseRecord, CycleRecord
from ino_desk.services.ports import Change

if TYPE_CHECKING:
    from ino_desk.domain.cycle_limits import CycleOutcome
    from ino_desk.domain.rules import ClinicalRules, RegimenRow
    from ino_desk.domain.users import User
    from ino_desk.services.cycles import CycleInput, SavedCycle
    from ino_desk.services.ports import Store, UnitOfWork


def _row(rules: ClinicalRules, key: str) -> RegimenRow | None:
    for row in (rules.regimen_cycle1, rules.regimen_later_cr_cri, rules.regimen_later_no_response):
        if row.key == key:
            return row
    return None


def inferred_reduction_level(rules: ClinicalRules, record: CycleRecord) -> ReductionLevel:
    """The level a cycle's dose days show against its Table 1 row (fewer or smaller doses)."""
    row = _row(rules, record.cycle.regimen_row)
    if row is None or not record.doses:
        return ReductionLevel.FULL
    if len(record.doses) < len(row.doses_mg_per_m2):
        return ReductionLevel.TWO_DOSES
    full = dict(row.doses_mg_per_m2)
    if any(d.mg_per_m2 < full.get(d.day, d.mg_per_m2) for d in record.doses):
        return ReductionLevel.REDUCED_TOTAL
    return ReductionLevel.FULL


def cycle_reduction_level(rules: ClinicalRules, record: CycleRecord) -> ReductionLevel:
    """The level stored with the cycle when it was planned.

    Cycles saved before the level was stored read as full dose, so the doses' own evidence
    is kept as a floor: a stored level can only make the answer stricter, never looser.
    """
    return max(record.cycle.reduction_level, inferred_reduction_level(rules, record))


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
    who: User,
    previous: CycleOutcome | None = None,
) -> SavedCycle:
    """Record the previous cycle's response, then plan and save the next cycle, all at once.

    A plan with blocking findings is saved only with the override reason, stored with the
    codes it overrides and the planner's name; a reduction never goes back a level.
    """

    def action(uow: UnitOfWork) -> SavedCycle:
        name = cycle_cases.planner(uow, who, given)
        earlier = uow.cycles.for_course(given.course_id)
        if previous is not None and earlier:
            last = earlier[-1]
            if (last.response, last.mrd_negative) != (previous.response, previous.mrd_negative):
                uow.cycles.update(
                    replace(last, response=previous.response, mrd_negative=previous.mrd_negative),
                    Change(name, f"response of cycle {last.number}, stated when planning the next"),
                )
        plan = _reduced_plan(rules, uow, given, reduction, None)
        blocking = tuple(f for f in plan.findings if f.blocks)
        if blocking and not given.override_reason.strip():
            raise cycle_cases.PlanBlockedError(blocking)
        m = uow.measurements.get(given.measurement_id)
        change = Change(name, given.override_reason)
        planned = cycle_cases._cycle_from_plan(plan, given, m, blocking, name)
        cycle = uow.cycles.add(replace(planned, reduction_level=reduction.level), change)
        assert cycle.id is not None
        doses = tuple(
            uow.doses.add(d, change) for d in cycle_cases._doses_from_plan(plan, cycle.id)
        )
        course = uow.courses.get(given.course_id)
        if course.first_bsa_m2 is None:
            uow.courses.update(
                replace(course, first_bsa_m2=plan.request.bsa_m2),
                Change(name, f"first BSA of the course, from cycle {cycle.number}"),
            )
        return cycle_cases.SavedCycle(cycle, doses, plan)

    return store.write(action)
