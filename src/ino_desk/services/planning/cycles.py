"""A cycle's stored form: the plan request from the course, the cycle and dose rows from a
plan, and the response recorded at its end. Planning itself is `services.cycle_planning`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ino_desk.domain.cycles.course import Course, Cycle, DoseDay
from ino_desk.domain.cycles.plan import CyclePlan, CycleRequest
from ino_desk.domain.cycles.regimen import ExtensionReason
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.bsa import body_surface_area
from ino_desk.domain.patients.patient import required_text
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import acting, change_by

if TYPE_CHECKING:
    from ino_desk.domain.bench.syringe import SyringeUse
    from ino_desk.domain.cycles.regimen import Response
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.patients.labs import Measurement
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class CycleInput:
    """What the pharmacist chooses for the next cycle of a course."""

    course_id: int
    measurement_id: int
    start: date
    cycle_length_days: int | None = None
    extension_reason: ExtensionReason | None = None
    override_reason: str = ""
    # Who ordered the cycle (not a user of the app): printed in the sheet's prescriber box.
    prescriber_name: str = ""
    prescriber_id: str = ""  # an NPI or licence number, as typed


@dataclass(frozen=True, slots=True)
class SavedCycle:
    cycle: Cycle
    doses: tuple[DoseDay, ...]
    plan: CyclePlan


def cycle_request(
    uow: UnitOfWork, course: Course, m: Measurement, given: CycleInput
) -> CycleRequest:
    """The arithmetic's input for the course's next cycle from the stored course."""
    if m.patient_id != course.patient_id:
        raise InputError("measurement", "belongs to another patient")
    if m.entered_in_error is not None:
        raise InputError("measurement", "was marked entered in error; record the right one")
    earlier = uow.cycles.for_course(given.course_id)
    settings = uow.settings.get()
    return CycleRequest(
        bsa_m2=body_surface_area(m.height_cm, m.weight_kg, course.bsa_formula),
        cycle=len(earlier) + 1,
        start=given.start,
        bsa_formula=course.bsa_formula,
        outcomes=tuple(c.outcome for c in earlier),
        cycle_length_days=given.cycle_length_days,
        extension_reason=given.extension_reason,
        hsct_planned=course.hsct_planned,
        policy=settings.policy,
        syringe=settings.syringe,
        course_first_bsa_m2=course.first_bsa_m2,
        course_bsa_formula=course.bsa_formula,
    )


def planner(uow: UnitOfWork, who: User, given: CycleInput) -> str:
    """The planner's user name; going past a blocking finding is a right of its own."""
    name = acting(uow, who, Permission.PLAN_CYCLES).username
    if given.override_reason.strip():
        acting(uow, who, Permission.OVERRIDE_FINDINGS)
    return name


def cycle_from_plan(
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
        reduction_level=req.reduction,
        site_policy=req.policy.lines() + _syringe_lines(plan),
        prescriber_name=given.prescriber_name.strip(),
        prescriber_id=given.prescriber_id.strip(),
    )


def doses_from_plan(plan: CyclePlan, cycle_id: int) -> list[DoseDay]:
    return [
        DoseDay(
            cycle_id=cycle_id,
            day=d.day,
            planned_date=d.window.planned_date,
            window_start=d.window.window_start,
            window_end=d.window.window_end,
            mg_per_m2=d.mg_per_m2,
            calculated_mg=d.rounding.calculated_mg,
            dose_mg=d.preparation.dose_mg,
            vials=d.preparation.vials,
            drug_volume_ml=d.preparation.drug_volume_ml,
            diluent_ml=d.preparation.diluent_ml,
            total_volume_ml=d.preparation.total_volume_ml,
            **_syringe_columns(d.preparation.syringe),
        )
        for d in plan.doses
    ]


def _syringe_columns(use: SyringeUse | None) -> dict[str, Any]:
    if use is None:
        return {}
    return {
        "syringe_min_mg_per_ml": use.min_mg_per_ml,
        "syringe_max_mg_per_ml": use.max_mg_per_ml,
        "syringe_infusion_minutes": use.infusion_minutes,
    }


def _syringe_lines(plan: CyclePlan) -> tuple[str, ...]:
    """The site-entered syringe method, kept with the cycle's policy when a dose uses it."""
    syringe = plan.request.syringe
    if syringe is None or all(d.preparation.syringe is None for d in plan.doses):
        return ()
    return syringe.lines()


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


def record_prescriber(
    store: Store, cycle_id: int, name: str, identifier: str, who: User, reason: str = ""
) -> Cycle:
    """Who ordered a cycle planned without its prescriber (before r0017), or a correction.

    The order's content is unchanged, so no signature is voided; the audit keeps the old name.
    """
    required_text(name, "prescriber", 100)

    def action(uow: UnitOfWork) -> Cycle:
        return _named(uow, uow.cycles.get(cycle_id), name, identifier, who, reason)

    return store.write(action)


def record_prescriber_of_dose(
    store: Store, dose_id: int, name: str, identifier: str, who: User, reason: str = ""
) -> Cycle:
    """As `record_prescriber`, for the cycle of a dose (the dose-day screen's order)."""
    required_text(name, "prescriber", 100)

    def action(uow: UnitOfWork) -> Cycle:
        cycle = uow.cycles.get(uow.doses.get(dose_id).cycle_id)
        return _named(uow, cycle, name, identifier, who, reason)

    return store.write(action)


def _named(
    uow: UnitOfWork, cycle: Cycle, name: str, identifier: str, who: User, reason: str
) -> Cycle:
    change = change_by(uow, who, Permission.PLAN_CYCLES, reason.strip())
    named = replace(cycle, prescriber_name=name.strip(), prescriber_id=identifier.strip())
    return uow.cycles.update(named, change)
