"""Dose dates of a cycle and their label windows (PI 2.1). Whether a date is allowed, the
spacing between doses included, is the authority's: `course_rules/timeline.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ino_desk.domain.errors import ScheduleError

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


@dataclass(frozen=True, slots=True)
class DoseWindow:
    """The day a dose is planned for and the first and last dates of its window."""

    day: int
    planned_date: date
    window_start: date
    window_end: date

    def contains(self, when: date) -> bool:
        return self.window_start <= when <= self.window_end


def nominal_date(start: date, day: int) -> date:
    """Day 1 is the start date; Day N is N - 1 days later."""
    return start + timedelta(days=day - 1)


def dose_window(rules: ClinicalRules, start: date, day: int) -> DoseWindow:
    """Day 1 has no window (the cycle starts on it); later doses may move +/- the label window."""
    first_day = rules.dose_days.value[0]
    slack = timedelta(days=0 if day == first_day else rules.dose_window_days.value)
    try:
        planned = nominal_date(start, day)
        return DoseWindow(day, planned, planned - slack, planned + slack)
    except OverflowError:  # a start at the very end (or start) of the calendar
        raise ScheduleError(
            "start date", f"{start.isoformat()} leaves no room for Day {day} in the calendar"
        ) from None


def cycle_windows(rules: ClinicalRules, start: date) -> list[DoseWindow]:
    return [dose_window(rules, start, day) for day in rules.dose_days.value]
