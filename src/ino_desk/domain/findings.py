"""Findings: what a rule says about a plan, from information to a blocking stop."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    BLOCKING = "blocking"  # must not be given unless a pharmacist overrides with a reason


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict. `code` is stable (other tools match on it); `source` cites the PI."""

    code: str
    severity: Severity
    message: str
    source: str = ""

    @property
    def blocks(self) -> bool:
        return self.severity is Severity.BLOCKING
