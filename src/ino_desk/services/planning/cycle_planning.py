"""Plan the course's next cycle at a reduction level, recording the previous response.

The domain computes the plan (plan_cycle) and the one authority judges it against the whole
course (findings_for with PlanCycle: cycle start, no re-escalation, VOD); this module reads
the stored course for them and saves the plan with its dose days in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ino_desk.domain.course_rules.actions import PlanCycle
from ino_desk.domain.course_rules.authority import enforce, findings_for
from ino_desk.domain.course_rules.timeline import earliest_cycle_start, planned_windows
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.plan import CyclePlan, plan_cycle
from ino_desk.domain.patients.measurements import read_age_years
from ino_desk.services.planning import cycles as cycle_cases
from ino_desk.services.planning.course_history import read_history
from ino_desk.services.ports.change import Change

if TYPE_CHECKING:
    from ino_desk.domain.course_rules.history import CourseHistory
    from ino_desk.domain.cycles.cycle_limits import CycleOutcome
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.planning.cycles import CycleInput, SavedCycle
    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class NextCycle:
    """What the planning form offers: the lowest level allowed and the earliest start."""

    level: ReductionLevel
    earliest_start: date | None  # None: the course has no cycle yet


def next_cycle(store: Store, rules: ClinicalRules, course_id: int) -> NextCycle:
    """The course's dose level from its recorded reductions (PI 2.3) and its earliest start."""

    def action(uow: UnitOfWork) -> NextCycle:
        history = read_history(uow, rules, course_id)
        return NextCycle(history.reduction_level(), earliest_cycle_start(rules, history))

    return store.read(action)


@dataclass(frozen=True, slots=True)
class Reduction:
    level: ReductionLevel = ReductionLevel.FULL
    days: tuple[int, ...] = ()  # the pharmacist's days at TWO_DOSES


def _judged_plan(
    rules: ClinicalRules,
    uow: UnitOfWork,
    given: CycleInput,
    reduction: Reduction,
    previous: CycleOutcome | None,
) -> tuple[CyclePlan, CourseHistory]:
    """The plan with every finding the authority has on it, and the course it judged."""
    course = uow.courses.get(given.course_id)
    patient = uow.patients.get(course.patient_id)
    read_age_years(patient.age_on(given.start), rules, field="patient age")
    m = uow.measurements.get(given.measurement_id)
    request = cycle_cases.cycle_request(uow, course, m, given)
    outcomes = request.outcomes
    if previous is not None and outcomes:
        # The pharmacist states the previous cycle's response on this form: plan with it.
        outcomes = (*outcomes[:-1], previous)
    request = replace(
        request, outcomes=outcomes, reduction=reduction.level, reduced_days=reduction.days
    )
    plan = plan_cycle(rules, request)
    history = read_history(uow, rules, given.course_id)
    findings = findings_for(rules, history, PlanCycle(plan, reduction.level))
    return replace(plan, findings=findings), history


def preview_next_cycle(
    store: Store,
    rules: ClinicalRules,
    given: CycleInput,
    reduction: Reduction,
    previous: CycleOutcome | None = None,
) -> CyclePlan:
    """The plan the course's next cycle would get, each day shown with its real window (the
    label's ±days clipped by the gap to every dose); nothing is saved."""

    def action(uow: UnitOfWork) -> CyclePlan:
        plan, history = _judged_plan(rules, uow, given, reduction, previous)
        windows = planned_windows(rules, history, plan)
        shown = tuple(
            replace(
                d,
                window=replace(
                    d.window,
                    window_start=windows[d.day].window_start,
                    window_end=windows[d.day].window_end,
                ),
            )
            for d in plan.doses
        )
        return replace(plan, doses=shown)

    return store.read(action)


def save_next_cycle(
    store: Store,
    rules: ClinicalRules,
    given: CycleInput,
    reduction: Reduction,
    who: User,
    previous: CycleOutcome | None = None,
) -> SavedCycle:
    """Record the previous cycle's response, then plan and save the next cycle, all at once.

    A plan with a stop is refused; one with blocking findings is saved only with the override
    reason, stored with the codes it overrides and the planner's name.
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
        plan, _ = _judged_plan(rules, uow, given, reduction, None)
        blocking = enforce(plan.findings, given.override_reason)
        m = uow.measurements.get(given.measurement_id)
        change = Change(name, given.override_reason)
        planned = cycle_cases.cycle_from_plan(plan, given, m, blocking, name)
        cycle = uow.cycles.add(planned, change)
        assert cycle.id is not None
        doses = tuple(uow.doses.add(d, change) for d in cycle_cases.doses_from_plan(plan, cycle.id))
        course = uow.courses.get(given.course_id)
        if course.first_bsa_m2 is None:
            uow.courses.update(
                replace(course, first_bsa_m2=plan.request.bsa_m2),
                Change(name, f"first BSA of the course, from cycle {cycle.number}"),
            )
        return cycle_cases.SavedCycle(cycle, doses, plan)

    return store.write(action)
