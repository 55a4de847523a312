"""What the patient page shows, read in one transaction, and the weight-change flag."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.cycles.course import Course, Cycle, DoseDay
from ino_desk.domain.cycles.cumulative_dose import CumulativeDose, cumulative_dose
from ino_desk.domain.patients.labs import LabResult, Measurement
from ino_desk.domain.patients.patient import Patient
from ino_desk.domain.patients.plausibility import (
    WEIGHT_CHANGE_ALERT_PERCENT as WEIGHT_CHANGE_ALERT_PERCENT,  # the patient page's flag
)
from ino_desk.domain.quantities import percent_difference

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class CycleDoses:
    """A stored cycle with its doses, as the patient page lists them."""

    cycle: Cycle
    doses: tuple[DoseDay, ...]


@dataclass(frozen=True, slots=True)
class CourseCycles:
    """A stored course with its cycles (not `persistence.records.CourseRecord`, the row)."""

    course: Course
    cycles: tuple[CycleDoses, ...]

    @property
    def cumulative(self) -> CumulativeDose:
        """What the course has delivered so far (doses given)."""
        return cumulative_dose((c.cycle, c.doses) for c in self.cycles)


@dataclass(frozen=True, slots=True)
class PatientOverview:
    """Everything the patient page shows, read in one transaction."""

    patient: Patient
    measurements: tuple[Measurement, ...]  # newest first
    labs: tuple[LabResult, ...]  # newest first
    courses: tuple[CourseCycles, ...]

    @property
    def current_course(self) -> CourseCycles | None:
        return self.courses[-1] if self.courses else None


def patient_overview(store: Store, patient_id: int) -> PatientOverview:
    def action(uow: UnitOfWork) -> PatientOverview:
        courses = []
        for course in sorted(
            uow.courses.for_patient(patient_id), key=lambda c: (c.started_on, c.id or 0)
        ):
            assert course.id is not None
            cycles = tuple(
                CycleDoses(c, tuple(uow.doses.for_cycle(c.id or 0)))
                for c in uow.cycles.for_course(course.id)
            )
            courses.append(CourseCycles(course, cycles))
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


def course_reference_weight(course: CourseCycles | None) -> Decimal | None:
    """The weight the course's first cycle was dosed with."""
    if course is None or not course.cycles:
        return None
    return course.cycles[0].cycle.weight_kg
