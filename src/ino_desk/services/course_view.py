"""Read model: a patient's current course as plain values, with the findings for what comes next.

The command line prints it (`ino-desk course show`); it holds no rule of its own: the level
comes from `cycle_planning.course_reduction_level`, the findings from `next_action_findings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.course import DoseStatus
from ino_desk.domain.findings import Finding, Severity
from ino_desk.domain.modifications import ReductionLevel
from ino_desk.domain.regimen import Response
from ino_desk.services.cycle_planning import course_reduction_level
from ino_desk.services.document_lookup import NotOnRecordError, find_patient
from ino_desk.services.dose_day import dose_gates
from ino_desk.services.patient_overview import patient_overview

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.patient_overview import CourseRecord, PatientOverview
    from ino_desk.services.ports import Store


@dataclass(frozen=True, slots=True)
class DoseView:
    day: int
    planned_date: date
    window_start: date
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


def current_course(overview: PatientOverview) -> CourseRecord:
    """The course the patient page works on (the latest); NotOnRecordError without one."""
    course = overview.current_course
    if course is None or course.course.id is None:
        raise NotOnRecordError(f"patient {overview.patient.mrn} has no course of treatment")
    return course


def next_action_findings(
    store: Store, rules: ClinicalRules, course: CourseRecord
) -> tuple[Finding, ...]:
    """The findings for the next action on the course, warnings and worse.

    For now the next action is giving the next planned dose (the earliest planned date), and
    its findings are that dose's pre-dose gates (`dose_day.dose_gates`); none when no dose is
    planned. This is the one place to swap in a course-wide rule authority.
    """
    planned = [
        (dose.planned_date, record.cycle.number, dose.day, dose.id)
        for record in course.cycles
        for dose in record.doses
        if dose.status is DoseStatus.PLANNED and dose.id is not None
    ]
    if not planned:
        return ()
    dose_id = min(planned)[3]
    assert dose_id is not None
    return tuple(f for f in dose_gates(store, rules, dose_id) if f.severity is not Severity.INFO)


def course_view(store: Store, rules: ClinicalRules, mrn: str) -> CourseView:
    """The patient's current course: cycles, dose days as saved, level and next findings."""
    overview = overview_by_mrn(store, mrn)
    course = current_course(overview)
    cycles = tuple(
        CycleView(
            number=record.cycle.number,
            start=record.cycle.start,
            length_days=record.cycle.length_days,
            response=record.cycle.response,
            doses=tuple(
                DoseView(
                    day=d.day,
                    planned_date=d.planned_date,
                    window_start=d.window_start,
                    window_end=d.window_end,
                    status=d.status,
                    mg_per_m2=d.mg_per_m2,
                    dose_mg=d.dose_mg,
                )
                for d in sorted(record.doses, key=lambda d: d.day)
            ),
        )
        for record in sorted(course.cycles, key=lambda r: r.cycle.number)
    )
    return CourseView(
        mrn=overview.patient.mrn,
        hsct_planned=course.course.hsct_planned,
        level=course_reduction_level(rules, course),
        cycles=cycles,
        findings=next_action_findings(store, rules, course),
    )
