"""Findings: what a rule says about an action on a course, from information to a stop."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ino_desk.domain.errors import DomainError

if TYPE_CHECKING:
    from collections.abc import Iterable


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    BLOCKING = "blocking"  # refused unless a pharmacist overrides it with a typed reason
    STOP = "stop"  # refused, never overridable (VOD/SOS, a dose already given, ...)


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict. `code` is stable (other tools match on it); `source` cites the PI."""

    code: str
    severity: Severity
    message: str
    source: str = ""
    day: int | None = None  # the dose day it concerns, where it concerns one (printed on its row)

    @property
    def blocks(self) -> bool:
        """Refuses the action unless overridden (a stop refuses it regardless)."""
        return self.severity in (Severity.BLOCKING, Severity.STOP)

    @property
    def stops(self) -> bool:
        return self.severity is Severity.STOP

    def one_line(self) -> str:
        """`CODE (PI 2.3): message` — how a refusal is reported on one line."""
        where = f" ({self.source})" if self.source else ""
        return f"{self.code}{where}: {' '.join(self.message.split())}"


class RefusedError(DomainError):
    """A clinical rule refused an action; nothing was saved or written.

    `findings` are the stops and the blocking findings that were not overridden.
    """

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = tuple(findings)
        super().__init__("; ".join(f.message for f in self.findings))

    @property
    def overridable(self) -> bool:
        """True when a typed override reason would let the action go on."""
        return not any(f.stops for f in self.findings)
