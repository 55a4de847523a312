"""The drug a course has delivered so far: mg, mg/m² and cycles given.

Only doses recorded as given count. The mg/m² of each dose is its given mg over the dosing
BSA of its cycle (a reduced dose counts as reduced), summed, then rounded for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.quantities import format_quantity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ino_desk.domain.cycles.course import Cycle, DoseDay

_SHOWN = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class CumulativeDose:
    mg: Decimal
    mg_per_m2: Decimal  # exact; `text` rounds it half up to 0.01 mg/m²
    doses: int
    cycles: int

    @property
    def text(self) -> str:
        if not self.doses:
            return "no dose given yet"
        per_m2 = self.mg_per_m2.quantize(_SHOWN, rounding=ROUND_HALF_UP)
        cycles = f"{self.cycles} cycle{'s' if self.cycles != 1 else ''}"
        doses = f"{self.doses} dose{'s' if self.doses != 1 else ''}"
        return (
            f"{format_quantity(self.mg, 'mg')} ({format_quantity(per_m2, 'mg/m²')}) "
            f"in {doses} over {cycles} given"
        )


def cumulative_dose(cycles: Iterable[tuple[Cycle, Iterable[DoseDay]]]) -> CumulativeDose:
    mg = per_m2 = Decimal(0)
    doses = given_cycles = 0
    for cycle, cycle_doses in cycles:
        given = [d for d in cycle_doses if d.status is DoseStatus.GIVEN]
        if given:
            given_cycles += 1
        for dose in given:
            doses += 1
            mg += dose.dose_mg
            per_m2 += dose.dose_mg / cycle.dosing_bsa_m2
    return CumulativeDose(mg, per_m2, doses, given_cycles)
