"""Dose modifications for toxicity (PI 2.3): interruptions, reduction levels, no re-escalation.

The label reduces the next cycle's total dose after a long interruption, then allows fewer doses
per cycle, but says neither how the reduction is spread over days nor which days remain. The
app proposes each day reduced by the same percentage and the pharmacist picks the days; the
services layer records who chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ino_desk.domain.rules import ClinicalRules, RegimenRow


class ReductionLevel(IntEnum):
    """Steps of dose reduction for toxicity; a course never goes back to a lower level."""

    FULL = 0
    REDUCED_TOTAL = 1  # next cycle's total reduced by the label's percentage
    TWO_DOSES = 2  # 2 doses per cycle in later cycles
    STOP = 3  # not tolerated at 2 doses: stop permanently


def interruption_findings(rules: ClinicalRules, interruption_days: int) -> list[Finding]:
    """What an interruption for toxicity of this length means for the next doses."""
    if interruption_days < 0:
        raise InputError("interruption", "days must be 0 or more")
    omit = rules.interruption_omit_from_days
    reduce = rules.interruption_reduce_from_days
    stop = rules.interruption_consider_stop_above_days
    percent = rules.reduction_percent
    findings: list[Finding] = []
    if interruption_days < omit.value:
        findings.append(
            Finding(
                "INTERRUPTION_DELAY",
                Severity.INFO,
                f"Interruption under {omit.value} days: delay the next dose within the cycle, "
                f"keeping at least {rules.min_days_between_doses.value} days between doses "
                f"({rules.interruption_delay_below_days.citation}).",
                rules.interruption_delay_below_days.citation,
            )
        )
    else:
        findings.append(
            Finding(
                "INTERRUPTION_OMIT",
                Severity.WARNING,
                f"Interruption of {omit.value} days or more: omit the next dose within the "
                f"cycle ({omit.citation}).",
                omit.citation,
            )
        )
    if interruption_days >= reduce.value:
        findings.append(
            Finding(
                "INTERRUPTION_REDUCE",
                Severity.WARNING,
                f"Interruption of {reduce.value} days or more: after recovery, reduce the next "
                f"cycle's total dose by {percent.value} % ({reduce.citation}).",
                reduce.citation,
            )
        )
    if interruption_days > stop.value:
        findings.append(
            Finding(
                "INTERRUPTION_CONSIDER_STOP",
                Severity.BLOCKING,
                f"Interruption of more than {stop.value} days: consider stopping permanently "
                f"({stop.citation}).",
                stop.citation,
            )
        )
    return findings


@dataclass(frozen=True, slots=True)
class ReducedRegimen:
    """Doses in mg/m² by day after applying a reduction level."""

    level: ReductionLevel
    doses_mg_per_m2: tuple[tuple[int, Decimal], ...]
    chosen_days: tuple[int, ...] | None  # the pharmacist's 2 days at TWO_DOSES


def reduce_regimen(
    rules: ClinicalRules,
    row: RegimenRow,
    level: ReductionLevel,
    chosen_days: Sequence[int] | None = None,
) -> ReducedRegimen:
    """Apply a reduction level to a Table 1 row; TWO_DOSES needs the pharmacist's 2 days."""
    if level is ReductionLevel.STOP:
        raise InputError(
            "dose reduction",
            f"not tolerated at {rules.reduced_doses_per_cycle.value} doses per cycle: stop "
            f"permanently ({rules.reduced_doses_per_cycle.citation})",
        )
    if level is ReductionLevel.FULL:
        return ReducedRegimen(level, row.doses_mg_per_m2, None)
    factor = (Decimal(100) - rules.reduction_percent.value) / Decimal(100)
    reduced = tuple((day, dose * factor) for day, dose in row.doses_mg_per_m2)
    if level is ReductionLevel.REDUCED_TOTAL:
        return ReducedRegimen(level, reduced, None)
    wanted = rules.reduced_doses_per_cycle.value
    days = tuple(sorted(set(chosen_days or ())))
    valid = {day for day, _ in row.doses_mg_per_m2}
    if len(days) != wanted or not set(days) <= valid:
        allowed = ", ".join(str(d) for d in sorted(valid))
        raise InputError(
            "reduced dose days",
            f"choose exactly {wanted} of the days {allowed} "
            f"({rules.reduced_doses_per_cycle.citation})",
        )
    return ReducedRegimen(level, tuple((d, m) for d, m in reduced if d in days), days)
