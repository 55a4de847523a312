"""Interruptions for toxicity, read from the held doses of a course (PI 2.3).

The label decides by the interruption's length: under 7 days delay the next dose (keeping
6 days between doses), from 7 days omit it, from 14 days reduce the next cycle (then 2 doses
per cycle), over 28 days consider stopping. A hold still standing counts up to the day asked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.modifications import ReductionLevel, interruption_findings

if TYPE_CHECKING:
    from ino_desk.domain.course_rules.history import CourseHistory, CycleHistory
    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.rules import ClinicalRules

_NEXT_CYCLE = frozenset({"INTERRUPTION_REDUCE", "INTERRUPTION_CONSIDER_STOP"})


@dataclass(frozen=True, slots=True)
class Interruption:
    cycle: int
    day: int
    start: date
    end: date | None  # None: the dose is still held

    def days(self, on: date) -> int:
        return max(0, ((self.end or on) - self.start).days)


def interruptions(cycle: CycleHistory) -> list[Interruption]:
    """Every recorded hold of the cycle, released or standing."""
    return [
        Interruption(cycle.number, d.day, d.held_on, d.released_on)
        for d in cycle.doses
        if d.held_on is not None and (d.status is DoseStatus.HELD or d.released_on is not None)
    ]


def within_cycle_findings(
    rules: ClinicalRules, cycle: CycleHistory, dose: DoseDay, on: date
) -> list[Finding]:
    """For a dose of the cycle on or after an interruption's start: delay or omit it."""
    found: list[Finding] = []
    for stop in interruptions(cycle):
        if stop.start <= dose.planned_date:
            found += [
                replace(f, day=dose.day, message=f"Day {stop.day} held {stop.days(on)} days: "
                        f"{f.message}")
                for f in interruption_findings(rules, stop.days(on))
                if f.code not in _NEXT_CYCLE
            ]  # fmt: skip
    return found


def next_cycle_findings(
    rules: ClinicalRules, history: CourseHistory, level: ReductionLevel, on: date
) -> list[Finding]:
    """For the cycle after an interruption of 14 days or more: reduce it, or consider stopping.

    A plan already at the reduced level has acted on the 25 % rule; at that level a further
    long interruption asks for 2 doses per cycle (PI 2.3), so the finding stands until then.
    """
    if not history.cycles:
        return []
    reached = history.reduction_level()
    longest = max((s.days(on) for s in interruptions(history.cycles[-1])), default=0)
    found = [f for f in interruption_findings(rules, longest) if f.code in _NEXT_CYCLE]
    needed = (
        ReductionLevel.TWO_DOSES
        if reached >= ReductionLevel.REDUCED_TOTAL
        else (ReductionLevel.REDUCED_TOTAL)
    )
    return [f for f in found if f.code != "INTERRUPTION_REDUCE" or level < needed]
