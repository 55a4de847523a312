"""The pre-dose gates' view of one dose, read from the course history (PI 2.3, 5).

Baseline counts are those before the first dose of the course — PI Table 2's "prior to
BESPONSA treatment" — not the start of the previous cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.cycles.checks import DoseContext, pre_dose_findings

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from ino_desk.domain.course_rules.history import CourseHistory
    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.patients.lab_panel import LabPanel
    from ino_desk.domain.rules import ClinicalRules


def latest_on_or_before(panels: Iterable[LabPanel], day: date) -> LabPanel | None:
    """The last panel taken on or before `day`; of one day, the one entered last."""
    found: LabPanel | None = None
    for panel in panels:
        if panel.drawn_on <= day and (found is None or panel.drawn_on >= found.drawn_on):
            found = panel
    return found


def baseline_counts(history: CourseHistory) -> LabPanel | None:
    """The last complete blood count on or before the course's first dose."""
    first = history.first_dose_date()
    if first is None:
        return None
    return latest_on_or_before((p for p in history.labs if p.has_cbc), first)


def dose_context(history: CourseHistory, cycle: int, dose: DoseDay, on: date) -> DoseContext:
    course = history.course
    previous = [d for d in history.given_dates() if d < on]
    return DoseContext(
        cycle=cycle,
        day=dose.day,
        dose_date=on,
        current=latest_on_or_before(history.labs, on),
        baseline=baseline_counts(history),
        previous_dose_date=max(previous, default=None),
        # Recorded on the course by a pharmacist; no lab row has them.
        vod_diagnosed=course.vod_diagnosed_on is not None,
        low_counts_since=course.low_counts_since,
        crcl_ml_per_min=course.crcl_ml_per_min,
        on_dialysis=bool(course.on_dialysis),
    )


def gate_findings(
    rules: ClinicalRules, history: CourseHistory, cycle: int, dose: DoseDay, on: date
) -> list[Finding]:
    return pre_dose_findings(rules, dose_context(history, cycle, dose, on))
