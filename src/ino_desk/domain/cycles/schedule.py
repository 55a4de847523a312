"""Dose dates of a cycle, their windows, and the spacing rule between doses (PI 2.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ino_desk.domain.errors import ScheduleError

if TYPE_CHECKING:
    from collections.abc import Sequence

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


def check_dose_date(
    rules: ClinicalRules,
    window: DoseWindow,
    when: date,
    other_doses: Sequence[date],
) -> None:
    """Refuse a date outside the dose's window or closer than the minimum to another dose."""
    if not window.contains(when):
        raise ScheduleError(
            f"Day {window.day} date",
            f"{when.isoformat()} is outside the window {window.window_start.isoformat()} to "
            f"{window.window_end.isoformat()} (PI {rules.dose_window_days.section})",
        )
    minimum = rules.min_days_between_doses.value
    for other in other_doses:
        gap = abs((when - other).days)
        if gap < minimum:
            raise ScheduleError(
                f"Day {window.day} date",
                f"{when.isoformat()} is {gap} days from the dose on {other.isoformat()}; "
                f"keep at least {minimum} days between doses "
                f"(PI {rules.min_days_between_doses.section})",
            )
