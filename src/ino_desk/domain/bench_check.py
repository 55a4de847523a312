"""The independent double check at the bench: what the second person entered, and mismatches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ino_desk.domain.errors import InputError
from ino_desk.domain.patient import required_text
from ino_desk.domain.signatures import CheckedFigures, figure_mismatches


@dataclass(frozen=True, slots=True)
class BenchDoubleCheck:
    """Entered blind by the checker; `mismatches` names the figures that disagreed."""

    dose_id: int
    checked_by: str
    dose_mg: Decimal
    drug_volume_ml: Decimal
    vials: int
    lot: str
    mismatches: tuple[str, ...]
    checked_at: datetime
    id: int | None = None

    def __post_init__(self) -> None:
        required_text(self.checked_by, "checked by", 100)
        if self.checked_at.tzinfo is None:
            raise InputError("checked at", "must carry its timezone")

    @property
    def agrees(self) -> bool:
        return not self.mismatches


def compare(expected: CheckedFigures, entered: CheckedFigures) -> tuple[str, ...]:
    """The figures that differ, in the signatures module's words."""
    return tuple(figure_mismatches(expected, entered))
