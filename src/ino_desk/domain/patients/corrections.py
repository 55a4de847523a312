"""Entered in error: a record that was wrong stays stored, marked, and stops counting.

Nothing clinical is ever deleted (the audit trail and the lists keep the old value); a mark
says who found the entry wrong, when, and why. Every rule reads only the records without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.patient import required_text

REASON_MAX_LENGTH = 500


@dataclass(frozen=True, slots=True)
class EnteredInError:
    """Who marked a record entered in error, when (aware), and the reason they typed."""

    reason: str
    by: str
    at: datetime

    def __post_init__(self) -> None:
        required_text(self.reason, "reason", REASON_MAX_LENGTH)
        required_text(self.by, "marked by", 100)
        if self.at.tzinfo is None:
            raise InputError("marked at", "must carry its timezone")

    @property
    def note(self) -> str:
        """As shown next to the struck-through entry and printed."""
        return f"entered in error ({self.reason.strip()}; {self.by}, {self.at:%Y-%m-%d %H:%M})"


class Correctable(Protocol):
    @property
    def entered_in_error(self) -> EnteredInError | None: ...


C = TypeVar("C", bound=Correctable)


def in_force(entries: list[C] | tuple[C, ...]) -> list[C]:
    """The entries that count: those not marked entered in error, in their order."""
    return [e for e in entries if e.entered_in_error is None]


def reason_for_error(text: str) -> str:
    """The typed reason, required: a correction without one would be unexplained."""
    return required_text(text, "reason", REASON_MAX_LENGTH).strip()
