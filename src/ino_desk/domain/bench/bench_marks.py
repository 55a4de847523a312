"""Reconstitution and dilution times as they are pressed at the bench, kept at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ino_desk.domain.bench.preparation import DilutedStorage, Dilution
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.corrections import EnteredInError
from ino_desk.domain.patients.patient import required_text


class BenchEvent(StrEnum):
    RECONSTITUTED = "reconstituted"
    DILUTED = "diluted"


@dataclass(frozen=True, slots=True)
class BenchMark:
    """One press of *Reconstituted* or *Diluted*: stored before anything else can go wrong.

    A dilution carries how the diluted bag is kept; marks stored before that was asked have
    none (None: not recorded, counted as the shorter storage limit).
    """

    dose_id: int
    event: BenchEvent
    at: datetime
    recorded_by: str
    id: int | None = None
    storage: DilutedStorage | None = None
    entered_in_error: EnteredInError | None = None

    def __post_init__(self) -> None:
        required_text(self.recorded_by, "recorded by", 100)
        if self.at.tzinfo is None:
            raise InputError("time", "must carry its timezone")
        if self.event is BenchEvent.RECONSTITUTED and self.storage is not None:
            raise InputError("storage", "belongs to the dilution, not the reconstitution")


def open_preparation(
    marks: list[BenchMark], closed_at: list[datetime]
) -> tuple[datetime | None, Dilution | None]:
    """The reconstitution (and dilution, with its storage) still in progress for a dose.

    A reconstitution is closed by a saved preparation with that reconstitution time or by a
    whole-dose waste recorded after it; the newest one not closed is the one in progress.
    """
    started = [m for m in marks if m.event is BenchEvent.RECONSTITUTED]
    for mark in sorted(started, key=lambda m: m.at, reverse=True):
        if any(closed >= mark.at for closed in closed_at):
            return None, None
        diluted = [m for m in marks if m.event is BenchEvent.DILUTED and m.at >= mark.at]
        first = min(diluted, key=lambda m: m.at) if diluted else None
        return mark.at, (None if first is None else Dilution(first.at, first.storage))
    return None, None
