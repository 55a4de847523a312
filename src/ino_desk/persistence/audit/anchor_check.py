"""`audit verify`'s look outside the file: the anchor log and a head read off paper.

Run on the same private copy as the chain check (see `examine.verify_file`). Never a crash:
a file whose trail cannot be read gives a problem for the anchors too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ino_desk.domain.printed.audit_anchors import AuditAnchor
from ino_desk.persistence.audit.anchor_log import check_anchor, check_anchor_log

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(slots=True)
class AnchorReport:
    log: str = ""  # the anchor log checked ("" when none was asked for)
    checked: int = 0  # anchors of the log the trail must still hold
    problems: list[str] = field(default_factory=list)
    given: str | None = None  # the anchor from paper: None matches (or none given), else why not


@dataclass(frozen=True, slots=True)
class AnchorCheck:
    """What to check: the anchor log beside the backups, and/or one anchor from paper."""

    log: Path | None = None
    given: AuditAnchor | None = None

    def run(self, engine: Engine) -> AnchorReport:
        from ino_desk.persistence.audit.read_errors import describe

        report = AnchorReport(log="" if self.log is None else str(self.log))
        try:
            with engine.connect() as conn:
                if self.given is not None:
                    report.given = check_anchor(conn, self.given)
                if self.log is not None:
                    report.checked, report.problems = check_anchor_log(conn, self.log)
        except Exception as exc:  # a damaged or foreign file: the anchors cannot be confirmed
            why = f"the audit trail could not be read to check anchors ({describe(exc)})"
            if self.given is not None and report.given is None:
                report.given = f"anchor {self.given.text}: {why}"
            report.problems.append(why)
        return report
