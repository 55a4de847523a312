"""Read one course as the clinical authority judges it, and ask the authority about an action.

Every use case that acts on a course goes through `judged`: it reads the whole history in
the action's own transaction, asks `domain.course_rules.authority.findings_for`, and refuses
on a stop or an unexplained blocking finding. No use case checks a clinical rule itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.course_rules.actions import DoseAct, DoseAction
from ino_desk.domain.course_rules.authority import enforce, findings_for, refuse_stops
from ino_desk.domain.course_rules.history import CourseHistory, CycleHistory, DoseWork
from ino_desk.domain.cycles.checklist import items_for_dose, missing_items
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.services.paperwork.order_signatures import live_signatures

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date, datetime

    from ino_desk.domain.course_rules.actions import Action
    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.ports.store import UnitOfWork

_OPEN = frozenset({DoseStatus.PLANNED, DoseStatus.REDUCED})


def read_history(uow: UnitOfWork, rules: ClinicalRules, course_id: int) -> CourseHistory:
    """The course, every cycle with its doses, the patient's labs, and the open doses' work."""
    course = uow.courses.get(course_id)
    cycles = tuple(
        CycleHistory(c, tuple(sorted(uow.doses.for_cycle(c.id or 0), key=lambda d: d.day)))
        for c in sorted(uow.cycles.for_course(course_id), key=lambda c: c.number)
    )
    work = {
        d.id: _work(uow, rules, c.number, d)
        for c in cycles
        for d in c.doses
        if d.id is not None and d.status in _OPEN
    }
    labs = tuple(r.panel() for r in in_force(uow.labs.for_patient(course.patient_id)))
    policy = uow.settings.get().policy
    return CourseHistory(course, cycles, labs, work, policy.planner_may_verify)


def history_of_dose(uow: UnitOfWork, rules: ClinicalRules, dose_id: int) -> CourseHistory:
    cycle = uow.cycles.get(uow.doses.get(dose_id).cycle_id)
    return read_history(uow, rules, cycle.course_id)


def findings_on_their_day(
    uow: UnitOfWork, rules: ClinicalRules, dose_ids: Iterable[int]
) -> dict[int, tuple[Finding, ...]]:
    """What the authority says about giving each dose on its own planned day, for many doses
    at once (a work queue): each course is read once for all of its doses asked about."""
    by_course: dict[int, list[DoseDay]] = {}
    for dose_id in dict.fromkeys(dose_ids):
        dose = uow.doses.get(dose_id)
        course_id = uow.cycles.get(dose.cycle_id).course_id
        by_course.setdefault(course_id, []).append(dose)
    found: dict[int, tuple[Finding, ...]] = {}
    for course_id, doses in by_course.items():
        history = read_history(uow, rules, course_id)
        for dose in doses:
            action = DoseAction(DoseAct.GIVE, dose.id or 0, dose.planned_date)
            found[dose.id or 0] = findings_for(rules, history, action)
    return found


def _work(uow: UnitOfWork, rules: ClinicalRules, cycle: int, dose: DoseDay) -> DoseWork:
    dose_id = dose.id or 0
    signed = live_signatures(uow, dose_id)
    ticked = {t.item_key for t in in_force(uow.checklist.for_dose(dose_id))}
    open_items = missing_items(items_for_dose(rules, cycle, dose.day), ticked)
    return DoseWork(
        verified=Meaning.VERIFIED_ORDER in signed,
        prepared=Meaning.PREPARED in signed,
        double_checked=Meaning.DOUBLE_CHECK in signed,
        open_checklist=tuple(i.title for i in open_items),
    )


def judged(
    rules: ClinicalRules, history: CourseHistory, action: Action, override_reason: str = ""
) -> tuple[Finding, ...]:
    """The blocking findings the typed reason overrides; RefusedError when it cannot."""
    return enforce(findings_for(rules, history, action), override_reason)


def local_day(moment: datetime) -> date:
    """The workstation's calendar day of an aware moment: a dose's day is a local day."""
    return moment.astimezone().date()


def refuse_stops_for(
    uow: UnitOfWork, rules: ClinicalRules, act: DoseAct, dose_id: int, on: date, by: str = ""
) -> tuple[Finding, ...]:
    """Judge a bench, signature or document act on a dose: RefusedError on a stop; else the
    blocking findings that stand (shown and printed, not overridden here)."""
    history = history_of_dose(uow, rules, dose_id)
    return refuse_stops(findings_for(rules, history, DoseAction(act, dose_id, on, by)))
