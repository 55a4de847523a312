"""Site policy: round a calculated dose to whole vials when within a set percentage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from ino_desk.domain.errors import InputError
from ino_desk.domain.quantities import ceil_int, format_number, percent_difference

ZERO = Decimal(0)
# Widest tolerance a site may set; published institutional practice is 5 to 10 %.
MAX_ROUNDING_PERCENT = Decimal(10)


@dataclass(frozen=True, slots=True)
class DoseRoundingPolicy:
    """`max_percent` None means off (the label-conforming default)."""

    max_percent: Decimal | None = None

    def __post_init__(self) -> None:
        if self.max_percent is not None and not ZERO < self.max_percent <= MAX_ROUNDING_PERCENT:
            # A site may choose its tolerance, but not one that stops being rounding.
            raise InputError(
                "dose rounding",
                f"percentage must be more than 0 and at most {MAX_ROUNDING_PERCENT} %",
            )

    @property
    def enabled(self) -> bool:
        return self.max_percent is not None

    def describe(self) -> str:
        if self.max_percent is None:
            return "off (doses as calculated)"
        return f"to whole vials when within {format_number(self.max_percent)} %"


@dataclass(frozen=True, slots=True)
class RoundedDose:
    calculated_mg: Decimal
    final_mg: Decimal
    percent_difference: Decimal
    waste_avoided_mg: Decimal

    @property
    def rounded(self) -> bool:
        return self.final_mg != self.calculated_mg


def _waste(dose_mg: Decimal, vial_mg: Decimal) -> Decimal:
    return ceil_int(dose_mg / vial_mg) * vial_mg - dose_mg


def apply_dose_rounding(
    calculated_mg: Decimal, vial_mg: Decimal, policy: DoseRoundingPolicy
) -> RoundedDose:
    """Nearest whole-vial dose if it is within the policy's percentage, else the dose unchanged."""
    unchanged = RoundedDose(calculated_mg, calculated_mg, ZERO, ZERO)
    if policy.max_percent is None or calculated_mg <= 0:
        return unchanged
    lower = (calculated_mg / vial_mg).to_integral_value(rounding=ROUND_FLOOR) * vial_mg
    upper = ceil_int(calculated_mg / vial_mg) * vial_mg
    candidates = [c for c in (lower, upper) if c > 0]
    # The nearer whole-vial dose; on a tie, the lower one (less drug, never more than asked).
    best = min(candidates, key=lambda c: (abs(c - calculated_mg), c))
    # Compare the exact ratio: the displayed percentage is rounded to 0.1 % and would let a
    # 10.02 % change pass a 10 % tolerance.
    if (
        best == calculated_mg
        or abs(best - calculated_mg) * 100 > policy.max_percent * calculated_mg
    ):
        return unchanged
    difference = percent_difference(best, calculated_mg)
    avoided = _waste(calculated_mg, vial_mg) - _waste(best, vial_mg)
    return RoundedDose(calculated_mg, best, difference, avoided)
