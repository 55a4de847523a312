"""Discarded drug per dose (single-dose-vial waste, PI 2.4) and its monthly totals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.patient import required_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ino_desk.domain.rules import ClinicalRules

# The reason is composed from every limit the bag passed (up to three PI 2.4 findings, each
# with its citation), never typed; 200 characters held two short ones but not three.
REASON_MAX_LENGTH = 600


class WasteKind(StrEnum):
    RESIDUAL = "residual"  # what is left in the vials after the dose was drawn
    WHOLE_DOSE = "whole dose"  # the prepared drug could not be given (e.g. past a time limit)


@dataclass(frozen=True, slots=True)
class WasteRecord:
    """Drug discarded for one dose, with the reason, who recorded it and when (UTC)."""

    dose_id: int
    kind: WasteKind
    vials: int
    discarded_mg: Decimal
    reason: str
    recorded_by: str
    recorded_at: datetime
    id: int | None = None

    def __post_init__(self) -> None:
        # A saved bag wasted later opens no new vial: its vials are on its residue record.
        fewest = 0 if self.kind is WasteKind.WHOLE_DOSE else 1
        if self.vials < fewest:
            raise InputError("vials", "at least one vial" if fewest else "cannot be negative")
        if self.discarded_mg < 0:
            raise InputError("discarded drug", "cannot be negative")
        required_text(self.reason, "waste reason", REASON_MAX_LENGTH)
        required_text(self.recorded_by, "recorded by", 100)
        if self.recorded_at.tzinfo is None:
            raise InputError("recorded at", "must carry its timezone")


def whole_dose_mg(rules: ClinicalRules, vials: int) -> Decimal:
    """Every vial opened for a dose that is discarded is waste in full."""
    return vials * rules.vial_strength_mg.value


@dataclass(frozen=True, slots=True)
class Month:
    first: date
    after: date  # first day of the next month

    @property
    def label(self) -> str:
        return self.first.strftime("%Y-%m")


def parse_month(text: str, field: str = "month") -> Month:
    """`YYYY-MM` to the month's first day and the next month's first day."""
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise InputError(field, f"{text!r} is not a month; use YYYY-MM, e.g. 2026-03")
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12 or not 2000 <= year <= 2999:
        raise InputError(field, f"{text!r}: month 01-12 of a year from 2000 to 2999")
    first = date(year, month, 1)
    after = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return Month(first, after)


@dataclass(frozen=True, slots=True)
class WasteTotals:
    doses: int
    vials: int
    discarded_mg: Decimal


def totals(records: Iterable[WasteRecord]) -> WasteTotals:
    items = list(records)
    return WasteTotals(
        doses=len({r.dose_id for r in items}),
        vials=sum(r.vials for r in items),
        discarded_mg=sum((r.discarded_mg for r in items), Decimal(0)),
    )
