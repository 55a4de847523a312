"""The bench's own blind double checks from before the signed double check: kept as history.

Since the bench's double check became the "independent double check" signature (issue 7,
services.signing.double_check_at_bench), no new rows are written here; the stored ones stay
readable (and audited) so nothing recorded is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ino_desk.domain.errors import InputError
from ino_desk.domain.patient import required_text


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
