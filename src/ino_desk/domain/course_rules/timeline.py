"""Dates across the whole course: each dose's real window and the next cycle's earliest start.

PI 2.1: Day 8 and Day 15 may move by the label's window, keeping the minimum gap between ANY
two doses — across cycles too. A window printed or offered is the label's window clipped by
that gap to the neighbouring doses, so paper and screen never offer a forbidden date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ino_desk.domain.findings import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ino_desk.domain.course_rules.history import CourseHistory
    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.cycles.plan import CyclePlan
    from ino_desk.domain.rules import ClinicalRules


@dataclass(frozen=True, slots=True)
class Window:
    """First and last allowed date of a dose; empty when the start is after the end."""

    window_start: date
    window_end: date

    def contains(self, when: date) -> bool:
        return self.window_start <= when <= self.window_end

    @property
    def empty(self) -> bool:
        return self.window_start > self.window_end

    def describe(self) -> str:
        if self.window_start == self.window_end:
            return self.window_start.isoformat()
        return f"{self.window_start.isoformat()} to {self.window_end.isoformat()}"


def real_dose_window(rules: ClinicalRules, history: CourseHistory, dose: DoseDay) -> Window:
    """The label's window of `dose`, clipped by the minimum gap to every other dose."""
    others = history.occupied_dates(besides=dose)
    return _clipped(rules, dose.window_start, dose.window_end, dose.planned_date, others)


def planned_windows(
    rules: ClinicalRules, history: CourseHistory, plan: CyclePlan
) -> dict[int, Window]:
    """Each planned day's real window: clipped by the other planned days and the course."""
    stored = history.occupied_dates()
    planned = {d.day: d.window for d in plan.doses}
    return {
        day: _clipped(
            rules,
            w.window_start,
            w.window_end,
            w.planned_date,
            [*stored, *(o.planned_date for other, o in planned.items() if other != day)],
        )
        for day, w in planned.items()
    }


def _clipped(
    rules: ClinicalRules,
    window_start: date,
    window_end: date,
    planned_date: date,
    others: Sequence[date],
) -> Window:
    gap = timedelta(days=rules.min_days_between_doses.value)
    for other in others:
        if other <= planned_date:
            window_start = max(window_start, other + gap)
        else:
            window_end = min(window_end, other - gap)
    return Window(window_start, window_end)


def earliest_cycle_start(rules: ClinicalRules, history: CourseHistory) -> date | None:
    """Not before the previous cycle ends, nor within the minimum gap of any dose."""
    if not history.cycles:
        return None
    gap = timedelta(days=rules.min_days_between_doses.value)
    after_doses = [d + gap for d in history.occupied_dates()]
    return max([history.cycles[-1].end, *after_doses])


def cycle_start_findings(
    rules: ClinicalRules, history: CourseHistory, start: date
) -> list[Finding]:
    """A new cycle may not overlap the previous one or crowd its last dose (PI 2.1)."""
    earliest = earliest_cycle_start(rules, history)
    if earliest is None or start >= earliest:
        return []
    previous = history.cycles[-1]
    gap = rules.min_days_between_doses
    return [
        Finding(
            "CYCLE_START_TOO_EARLY",
            Severity.STOP,
            f"Cycle {previous.number + 1} cannot start on {start.isoformat()}: cycle "
            f"{previous.number} runs {previous.cycle.length_days} days from "
            f"{previous.cycle.start.isoformat()} and doses must be at least {gap.value} days "
            f"apart; the earliest allowed start is {earliest.isoformat()} (PI {gap.section}).",
            f"PI {gap.section}",
        )
    ]


def date_findings(
    rules: ClinicalRules, history: CourseHistory, dose: DoseDay, when: date, doing: str
) -> list[Finding]:
    """A dose may be moved, given or prepared only on a date inside its real window."""
    window = real_dose_window(rules, history, dose)
    if window.contains(when):
        return []
    section = rules.min_days_between_doses.section
    allowed = "no date is allowed" if window.empty else f"allowed: {window.describe()}"
    return [
        Finding(
            "DOSE_DATE_OUTSIDE_WINDOW",
            Severity.STOP,
            f"Day {dose.day} cannot be {doing} on {when.isoformat()}: outside its window "
            f"({allowed}; ±{rules.dose_window_days.value} days, at least "
            f"{rules.min_days_between_doses.value} days from any other dose) (PI {section}).",
            f"PI {section}",
        )
    ]
