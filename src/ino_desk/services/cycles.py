"""Use cases: plan a cycle (through `domain.plan.plan_cycle`) and save it with its dose days."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ino_desk.domain.bsa import body_surface_area
from ino_desk.domain.course import Course, Cycle, DoseDay
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.plan import CyclePlan, CycleRequest, plan_cycle
from ino_desk.domain.regimen import ExtensionReason
from ino_desk.domain.users import Permission
from ino_desk.services.authority import acting, change_by
from ino_desk.services.ports import Change

if TYPE_CHECKING:
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.labs import Measurement
    from ino_desk.domain.regimen import Response
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.users import User
    from ino_desk.services.ports import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class CycleInput:
    """What the pharmacist chooses for the next cycle of a course."""

    course_id: int
    measurement_id: int
    start: date
    cycle_length_days: int | None = None
    extension_reason: ExtensionReason | None = None
    override_reason: str = ""


@dataclass(frozen=True, slots=True)
class SavedCycle:
    cycle: Cycle
    doses: tuple[DoseDay, ...]
    plan: CyclePlan


class PlanBlockedError(DomainError):
    """The plan has blocking findings and no override reason was given; nothing was saved."""

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


def _request(
    rules: ClinicalRules, uow: UnitOfWork, course: Course, m: Measurement, given: CycleInput
) -> CycleRequest:
    if m.patient_id != course.patient_id:
        raise InputError("measurement", "belongs to another patient")
    earlier = uow.cycles.for_course(given.course_id)
    return CycleRequest(
        bsa_m2=body_surface_area(m.height_cm, m.weight_kg, course.bsa_formula),
        cycle=len(earlier) + 1,
        start=given.start,
        bsa_formula=course.bsa_formula,
        outcomes=tuple(c.outcome for c in earlier),
        cycle_length_days=given.cycle_length_days,
        extension_reason=given.extension_reason,
        hsct_planned=course.hsct_planned,
        policy=uow.settings.get().policy,
        course_first_bsa_m2=course.first_bsa_m2,
        course_bsa_formula=course.bsa_formula,
        vod_diagnosed=course.vod_diagnosed_on is not None,
    )


def preview_cycle(store: Store, rules: ClinicalRules, given: CycleInput) -> CyclePlan:
    """The plan the next cycle would get, without saving anything."""

    def action(uow: UnitOfWork) -> CyclePlan:
        course = uow.courses.get(given.course_id)
        m = uow.measurements.get(given.measurement_id)
        return plan_cycle(rules, _request(rules, uow, course, m, given))

    return store.read(action)


def plan_and_save_cycle(
    store: Store, rules: ClinicalRules, given: CycleInput, who: User
) -> SavedCycle:
    """Plan the course's next cycle and save it with all its dose days in one transaction.

    A plan with blocking findings is saved only with an override reason, which is stored with
    the codes it overrides and the planner's name.
    """

    def action(uow: UnitOfWork) -> SavedCycle:
        name = planner(uow, who, given)
        course = uow.courses.get(given.course_id)
        m = uow.measurements.get(given.measurement_id)
        plan = plan_cycle(rules, _request(rules, uow, course, m, given))
        blocking = tuple(f for f in plan.findings if f.blocks)
        if blocking and not given.override_reason.strip():
            raise PlanBlockedError(blocking)
        change = Change(name, given.override_reason)
        cycle = uow.cycles.add(_cycle_from_plan(plan, given, m, blocking, name), change)
        assert cycle.id is not None
        doses = tuple(uow.doses.add(d, change) for d in _doses_from_plan(plan, cycle.id))
        if course.first_bsa_m2 is None:
            uow.courses.update(
                replace(course, first_bsa_m2=plan.request.bsa_m2),
                Change(name, f"first BSA of the course, from cycle {cycle.number}"),
            )
        return SavedCycle(cycle, doses, plan)

    return store.write(action)


def planner(uow: UnitOfWork, who: User, given: CycleInput) -> str:
    """The planner's user name; going past a blocking finding is a right of its own."""
    name = acting(uow, who, Permission.PLAN_CYCLES).username
    if given.override_reason.strip():
        acting(uow, who, Permission.OVERRIDE_FINDINGS)
    return name


def _cycle_from_plan(
    plan: CyclePlan,
    given: CycleInput,
    m: Measurement,
    blocking: tuple[Finding, ...],
    who: str,
) -> Cycle:
    req = plan.request
    return Cycle(
        course_id=given.course_id,
        number=req.cycle,
        start=req.start,
        length_days=plan.regimen.cycle_length_days,
        extension_reason=plan.regimen.extension_reason,
        regimen_row=plan.regimen.row.key,
        bsa_formula=req.bsa_formula,
        bsa_m2=req.bsa_m2,
        dosing_bsa_m2=plan.dosing_bsa_m2,
        height_cm=m.height_cm,
        weight_kg=m.weight_kg,
        planned_by=who,
        overridden_findings=tuple(dict.fromkeys(f.code for f in blocking)),  # once per code
        override_reason=given.override_reason.strip() if blocking else "",
        site_policy=req.policy.lines(),
    )


def _doses_from_plan(plan: CyclePlan, cycle_id: int) -> list[DoseDay]:
    return [
        DoseDay(
            cycle_id=cycle_id,
            day=d.day,
            planned_date=d.window.planned,
            window_start=d.window.earliest,
            window_end=d.window.latest,
            mg_per_m2=d.mg_per_m2,
            calculated_mg=d.rounding.calculated_mg,
            dose_mg=d.preparation.dose_mg,
            vials=d.preparation.vials,
            drug_volume_ml=d.preparation.drug_volume_ml,
            diluent_ml=d.preparation.diluent_ml,
            total_volume_ml=d.preparation.total_volume_ml,
        )
        for d in plan.doses
    ]


def record_cycle_response(
    store: Store,
    cycle_id: int,
    response: Response,
    mrd_negative: bool | None,
    who: User,
    reason: str = "",
) -> Cycle:
    """The response assessed at the end of a cycle; it decides the next cycle's regimen row."""

    def action(uow: UnitOfWork) -> Cycle:
        change = change_by(uow, who, Permission.PLAN_CYCLES, reason)
        cycle = uow.cycles.get(cycle_id)
        changed = replace(cycle, response=response, mrd_negative=mrd_negative)
        return uow.cycles.update(changed, change)

    return store.write(action)


def cycles_of(store: Store, course_id: int) -> list[Cycle]:
    return store.read(lambda uow: uow.cycles.for_course(course_id))


def doses_of(store: Store, cycle_id: int) -> list[DoseDay]:
    return store.read(lambda uow: uow.doses.for_cycle(cycle_id))
