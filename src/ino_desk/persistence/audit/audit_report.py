"""What `audit verify` found: counts and the first problems, shared by its two halves."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_PROBLEMS = 20


@dataclass(slots=True)
class AuditReport:
    events: int = 0
    rows: int = 0
    problems: list[str] = field(default_factory=list)
    unsigned_events: int = 0  # written before r0016 (or before the first administrator's key)
    unsigned_signatures: int = 0
    site_key: str | None = None  # fingerprint of the site's first administrator's key

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, problem: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
