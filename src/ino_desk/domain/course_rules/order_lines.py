"""What a stored cycle's order sheet says beyond the arithmetic: the course's dose level,
each row's real window and what stands against it — in the authority's words, so the paper
says exactly what the app enforces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.printed.paper_records import paper_note
from ino_desk.domain.quantities import format_number, format_quantity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ino_desk.domain.cycles.course import Cycle, DoseDay
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.rules import ClinicalRules


def dose_level_text(rules: ClinicalRules, cycle: Cycle, doses: Sequence[DoseDay]) -> str | None:
    """The cycle's level and every dose reduced on it; None for a full-dose cycle."""
    parts: list[str] = []
    if cycle.reduction_level is ReductionLevel.REDUCED_TOTAL:
        percent = rules.reduction_percent
        parts.append(
            f"total dose reduced by {format_number(percent.value)} % for toxicity, each day "
            f"alike (pharmacist's choice, {percent.citation})"
        )
    elif cycle.reduction_level is ReductionLevel.TWO_DOSES:
        count = rules.reduced_doses_per_cycle
        days = ", ".join(str(d.day) for d in doses)
        parts.append(
            f"reduced to {count.value} doses per cycle (days {days}), each reduced by "
            f"{format_number(rules.reduction_percent.value)} % (pharmacist's choice, "
            f"{count.citation})"
        )
    for dose in doses:
        if dose.reduced_from_mg is not None:
            parts.append(
                f"Day {dose.day} reduced from {format_quantity(dose.reduced_from_mg, 'mg')} to "
                f"{format_quantity(dose.dose_mg, 'mg')} by {dose.decided_by}"
                + (f": {dose.reason}" if dose.reason else "")
            )
    if not parts:
        return None
    return "; ".join(parts) + " (no re-escalation, PI 2.3)"


def row_note(dose: DoseDay, standing: Sequence[Finding], overridden: Sequence[str]) -> str:
    """Why a row is not a plain order: its reduction, its open findings, its overrides."""
    notes = []
    if dose.reduced_from_mg is not None:
        by = f" by {dose.decided_by}" if dose.decided_by else ""
        notes.append(f"reduced from {format_quantity(dose.reduced_from_mg, 'mg')}{by}")
    if dose.status is not DoseStatus.PLANNED and dose.status is not DoseStatus.REDUCED:
        notes.append(dose.status.value)
    if dose.paper_time is not None:
        notes.append(paper_note(dose.paper_time))
    codes = [f.code for f in standing if f.day == dose.day and f.blocks]
    if codes:
        notes.append("BLOCKING: " + ", ".join(dict.fromkeys(codes)))
    if overridden:
        notes.append("OVERRIDDEN: " + ", ".join(overridden))
    return "; ".join(notes)
