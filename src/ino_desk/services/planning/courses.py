"""Use case: start a course of treatment with its locked BSA formula and HSCT plan."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.cycles.course import Course
from ino_desk.domain.patients.patient import optional_text
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from datetime import date

    from ino_desk.domain.patients.bsa import BsaFormula
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def start_course(
    store: Store,
    patient_id: int,
    started_on: date,
    hsct_planned: bool | None,
    who: User,
    bsa_formula: BsaFormula | None = None,
) -> Course:
    """`bsa_formula` None takes the site's default formula, which is then locked for the course."""

    def action(uow: UnitOfWork) -> Course:
        change = change_by(uow, who, Permission.PLAN_CYCLES)
        uow.patients.get(patient_id)
        formula = bsa_formula or uow.settings.get().policy.bsa_formula
        course = Course(patient_id, started_on, hsct_planned, formula)
        return uow.courses.add(course, change)

    return store.write(action)


def record_hsct_plan(
    store: Store, course_id: int, hsct_planned: bool | None, who: User, reason: str = ""
) -> Course:
    """Record whether HSCT is planned after treatment, e.g. once it is decided.

    The plan decides how many cycles the course may have (PI 2.1); the next cycle's plan and
    its findings read it from the course. The change is audited with the old and new value.
    """
    reason = optional_text(reason, "reason")
    words = {None: "not decided", True: "yes", False: "no"}

    def action(uow: UnitOfWork) -> Course:
        course = uow.courses.get(course_id)
        why = reason or (f"HSCT planned: {words[course.hsct_planned]} -> {words[hsct_planned]}")
        change = change_by(uow, who, Permission.PLAN_CYCLES, why)
        return uow.courses.update(replace(course, hsct_planned=hsct_planned), change)

    return store.write(action)
