"""What the authority sees of a course: every cycle and dose, the labs, and the work done.

A snapshot assembled by the services from storage; nothing here reads storage itself. The
course's dose level, its baseline counts and the doses around a date are derived from the
recorded events, never from arithmetic on mg/m² (PI 2.3: no re-escalation after a reduction).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from ino_desk.domain.cycles.course import Course, Cycle, DoseDay, DoseStatus
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.patients.lab_panel import LabPanel

if TYPE_CHECKING:
    from datetime import date


# Doses that occupy their date: given, or still to be given. An omitted dose frees its date.
_OCCUPYING = frozenset({DoseStatus.PLANNED, DoseStatus.GIVEN, DoseStatus.HELD, DoseStatus.REDUCED})


@dataclass(frozen=True, slots=True)
class DoseWork:
    """What was done for one dose besides its status: the order's signatures and checklist."""

    verified: bool = False
    prepared: bool = False
    double_checked: bool = False
    open_checklist: tuple[str, ...] = ()  # titles of the items not ticked


@dataclass(frozen=True, slots=True)
class CycleHistory:
    cycle: Cycle
    doses: tuple[DoseDay, ...]

    @property
    def number(self) -> int:
        return self.cycle.number

    @property
    def end(self) -> date:
        """The day after the cycle's last day: the earliest start of the next cycle."""
        return self.cycle.start + timedelta(days=self.cycle.length_days)


@dataclass(frozen=True, slots=True)
class CourseHistory:
    """One course as the authority judges it; `work` is keyed by dose id."""

    course: Course
    cycles: tuple[CycleHistory, ...] = ()
    labs: tuple[LabPanel, ...] = ()
    work: dict[int, DoseWork] = field(default_factory=dict)
    planner_may_verify: bool = False  # the site's separation-of-duties policy

    @property
    def vod_recorded(self) -> bool:
        return self.course.vod_diagnosed_on is not None

    def cycle(self, number: int) -> CycleHistory | None:
        return next((c for c in self.cycles if c.number == number), None)

    def dose(self, cycle: int, day: int) -> DoseDay | None:
        found = self.cycle(cycle)
        return next((d for d in found.doses if d.day == day), None) if found else None

    def locate(self, dose_id: int) -> tuple[CycleHistory, DoseDay]:
        for c in self.cycles:
            for d in c.doses:
                if d.id == dose_id:
                    return c, d
        raise KeyError(dose_id)

    def work_on(self, dose: DoseDay) -> DoseWork:
        return self.work.get(dose.id or 0, DoseWork())

    def occupied_dates(self, *, besides: DoseDay | None = None) -> list[date]:
        """Dates of every dose given or still to be given, but `besides` itself."""
        return [
            d.planned_date
            for c in self.cycles
            for d in c.doses
            if d.status in _OCCUPYING and (besides is None or d.id != besides.id)
        ]

    def given_dates(self) -> list[date]:
        return [
            d.planned_date for c in self.cycles for d in c.doses if d.status is DoseStatus.GIVEN
        ]

    def first_dose_date(self) -> date | None:
        """Cycle 1 Day 1 as planned or given: the start of treatment."""
        first = self.cycles[0] if self.cycles else None
        return min((d.planned_date for d in first.doses), default=None) if first else None

    def reduction_level(self) -> ReductionLevel:
        """The level the course has reached; later cycles never go back above it (PI 2.3).

        A cycle planned at a reduced level, or any dose recorded as reduced, counts.
        """
        level = ReductionLevel.FULL
        for c in self.cycles:
            level = max(level, c.cycle.reduction_level)
            if any(d.reduced_from_mg is not None for d in c.doses):
                level = max(level, ReductionLevel.REDUCED_TOTAL)
        return level
