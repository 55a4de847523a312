"""The database administrator's port: health checks, audit summary, backup and restore."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.printed.audit_anchors import AuditAnchor
    from ino_desk.domain.rules import ClinicalRules


@dataclass(frozen=True, slots=True)
class HealthCheck:
    name: str
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class DatabaseHealth:
    """`db check`: each check with its verdict; `problems` lists every problem found."""

    location: str
    checks: tuple[HealthCheck, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class AuditSummary:
    """`audit verify`: the first problem is the first broken event or row."""

    events: int
    rows: int
    problems: tuple[str, ...]
    note: str = ""  # e.g. verified after migrating a temporary copy of an older database
    signing: str = ""  # e.g. events unsigned because written before r0016 (issue 14)
    anchor_log: str = ""  # the anchor log beside the backups that was checked
    anchors: int = 0  # its anchors the trail must still hold
    anchor_problems: tuple[str, ...] = ()  # anchored events missing or with another hash
    given_anchor: str | None = None  # `--anchor`: None when it matches (or none given)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.anchor_problems and self.given_anchor is None


class DatabaseAdmin(Protocol):
    """Looking after the database itself: checks, backups, restore, demo data."""

    @property
    def location(self) -> str: ...

    def check(self) -> DatabaseHealth:
        """Read-only: never creates, migrates or changes the file; an older schema is checked
        on a migrated private copy. StoreUnavailableError only when nothing can be read."""
        ...

    def verify_audit(self, anchor: AuditAnchor | None = None) -> AuditSummary:
        """Read-only, as `check`; also the anchor log, and `anchor` read off paper."""
        ...

    @property
    def backup_kind(self) -> str:
        """How `backup` writes its copy when it is not a database file ("" when it is)."""
        ...

    def backup(self, dest: Path) -> Path: ...

    def init_server(self, owner: str, app: str) -> list[str]:
        """Least privilege on a server database (the steps done); StoreError for a file."""
        ...

    def check_restorable(self) -> None:
        """StoreError naming the supported path when this database is never replaced."""
        ...

    def restore(self, source: Path, passphrase: str | None = None) -> Path | None:
        """Returns where the replaced database was kept (None if there was none). An
        encrypted backup needs the site's backup passphrase (BackupRefusedError)."""
        ...

    def fill_demo(self, rules: ClinicalRules, patients: int, seed: int) -> int: ...
