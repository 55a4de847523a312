"""Read model: a patient's current course as plain values, with the findings for what comes next.

The command line prints it (`ino-desk course show`); it holds no rule of its own: the level,
the windows and the findings are the course authority's (`domain.course_rules`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.course_rules.actions import DoseAct, DoseAction
from ino_desk.domain.course_rules.authority import findings_for
from ino_desk.domain.course_rules.timeline import real_dose_window
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.findings import Finding, Severity
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.paperwork.document_lookup import NotOnRecordError, find_patient
from ino_desk.services.planning.course_history import read_history

if TYPE_CHECKING:
    from ino_desk.domain.course_rules.history import CourseHistory
    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.charts.patient_overview import CourseCycles, PatientOverview
    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class DoseView:
    day: int
    planned_date: date
    window_start: date  # the real window: ±2 days clipped by the 6-day gap (PI 2.1)
    window_end: date
    status: DoseStatus
    mg_per_m2: Decimal
    dose_mg: Decimal


@dataclass(frozen=True, slots=True)
class CycleView:
    number: int
    start: date
    length_days: int
    response: Response | None
    doses: tuple[DoseView, ...]


@dataclass(frozen=True, slots=True)
class CourseView:
    mrn: str
    hsct_planned: bool | None
    level: ReductionLevel
    cycles: tuple[CycleView, ...]
    findings: tuple[Finding, ...]


def overview_by_mrn(store: Store, mrn: str) -> PatientOverview:
    """What the patient page shows, for the patient registered under `mrn`."""
    patient = find_patient(store, mrn)
    assert patient.id is not None
    return patient_overview(store, patient.id)


def current_course(overview: PatientOverview) -> CourseCycles:
    """The course the patient page works on (the latest); NotOnRecordError without one."""
    course = overview.current_course
    if course is None or course.course.id is None:
        raise NotOnRecordError(f"patient {overview.patient.mrn} has no course of treatment")
    return course


def next_action_findings(rules: ClinicalRules, history: CourseHistory) -> tuple[Finding, ...]:
    """Warnings and worse for giving the next planned dose on its day (none when none is)."""
    planned = [
        d for c in history.cycles for d in c.doses if d.status is DoseStatus.PLANNED and d.id
    ]
    if not planned:
        return ()
    dose = min(planned, key=lambda d: d.planned_date)
    assert dose.id is not None
    action = DoseAction(DoseAct.GIVE, dose.id, dose.planned_date)
    return tuple(f for f in findings_for(rules, history, action) if f.severity is not Severity.INFO)


def course_view(store: Store, rules: ClinicalRules, mrn: str) -> CourseView:
    """The patient's current course: cycles, dose days as saved, level and next findings."""
    overview = overview_by_mrn(store, mrn)
    course = current_course(overview)
    assert course.course.id is not None
    course_id = course.course.id

    def action(uow: UnitOfWork) -> CourseView:
        history = read_history(uow, rules, course_id)
        cycles = tuple(
            CycleView(
                number=c.number,
                start=c.cycle.start,
                length_days=c.cycle.length_days,
                response=c.cycle.response,
                doses=tuple(_dose_view(rules, history, d) for d in c.doses),
            )
            for c in history.cycles
        )
        return CourseView(
            mrn=overview.patient.mrn,
            hsct_planned=history.course.hsct_planned,
            level=history.reduction_level(),
            cycles=cycles,
            findings=next_action_findings(rules, history),
        )

    return store.read(action)


def _dose_view(rules: ClinicalRules, history: CourseHistory, dose: DoseDay) -> DoseView:
    window = real_dose_window(rules, history, dose)
    return DoseView(
        day=dose.day,
        planned_date=dose.planned_date,
        window_start=window.window_start,
        window_end=window.window_end,
        status=dose.status,
        mg_per_m2=dose.mg_per_m2,
        dose_mg=dose.dose_mg,
    )
