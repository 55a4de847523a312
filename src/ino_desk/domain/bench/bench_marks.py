"""Reconstitution and dilution times as they are pressed at the bench, kept at once, or
entered afterwards with the real time and a reason (issue 16)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from ino_desk.domain.bench.bench_clock import local_time_text
from ino_desk.domain.bench.preparation import DilutedStorage, Dilution
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.corrections import EnteredInError
from ino_desk.domain.patients.patient import required_text

TIME_REASON_MAX_LENGTH = 500
# Product limit, not a clinical rule: an entered time further back than this is a wrong date
# or a wrong dose. The PI 2.4 limits themselves run from the entered time (bench clock).
LATE_ENTRY_LOOKBACK = timedelta(hours=24)


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
    # A time entered afterwards (r0020): when it was typed and why it is not "now". None
    # and "": pressed when it happened.
    entered_at: datetime | None = None
    time_reason: str = ""

    @property
    def entered_note(self) -> str:
        """As shown at the bench and printed: "" for a time pressed when it happened."""
        if self.entered_at is None:
            return ""
        return (
            f"{self.event.value} {local_time_text(self.at)} entered "
            f"{local_time_text(self.entered_at)} by {self.recorded_by}: {self.time_reason}"
        )

    def __post_init__(self) -> None:
        required_text(self.recorded_by, "recorded by", 100)
        if self.at.tzinfo is None:
            raise InputError("time", "must carry its timezone")
        if self.entered_at is not None:
            if self.entered_at.tzinfo is None:
                raise InputError("entered at", "must carry its timezone")
            required_text(self.time_reason, "reason for the time", TIME_REASON_MAX_LENGTH)
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


def check_entered_time(
    at: datetime, now: datetime, reason: str, earliest: tuple[tuple[datetime, str], ...]
) -> str:
    """The typed reason, once the entered time is not in the future, not further back than
    LATE_ENTRY_LOOKBACK, and not before any of `earliest` (each with what it is: the order's
    verification, the reconstitution it dilutes, the previous bag closed)."""
    why = required_text(reason, "reason for the time", TIME_REASON_MAX_LENGTH).strip()
    if at.tzinfo is None:
        raise InputError("time", "must carry its timezone")
    if at > now:
        raise InputError(
            "time", f"{local_time_text(at)} is in the future (now {local_time_text(now)})"
        )
    if at < now - LATE_ENTRY_LOOKBACK:
        hours = int(LATE_ENTRY_LOOKBACK.total_seconds() // 3600)
        raise InputError("time", f"must be within the last {hours} hours")
    for moment, what in earliest:
        if at < moment:
            raise InputError("time", f"is before {what} ({local_time_text(moment)})")
    return why
