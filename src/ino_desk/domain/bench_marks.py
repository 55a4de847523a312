"""Reconstitution and dilution times as they are pressed at the bench, kept at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ino_desk.domain.errors import InputError
from ino_desk.domain.patient import required_text


class BenchEvent(StrEnum):
    RECONSTITUTED = "reconstituted"
    DILUTED = "diluted"


@dataclass(frozen=True, slots=True)
class BenchMark:
    """One press of *Reconstituted* or *Diluted*: stored before anything else can go wrong."""

    dose_id: int
    event: BenchEvent
    at: datetime
    recorded_by: str
    id: int | None = None

    def __post_init__(self) -> None:
        required_text(self.recorded_by, "recorded by", 100)
        if self.at.tzinfo is None:
            raise InputError("time", "must carry its timezone")


def open_preparation(
    marks: list[BenchMark], closed_at: list[datetime]
) -> tuple[datetime | None, datetime | None]:
    """The reconstitution (and dilution) still in progress for a dose, if any.

    A reconstitution is closed by a saved preparation with that reconstitution time or by a
    whole-dose waste recorded after it; the newest one not closed is the one in progress.
    """
    started = [m for m in marks if m.event is BenchEvent.RECONSTITUTED]
    for mark in sorted(started, key=lambda m: m.at, reverse=True):
        if any(closed >= mark.at for closed in closed_at):
            return None, None
        diluted = [m.at for m in marks if m.event is BenchEvent.DILUTED and m.at >= mark.at]
        return mark.at, (min(diluted) if diluted else None)
    return None, None
