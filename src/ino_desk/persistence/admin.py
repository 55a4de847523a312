"""`services.ports.DatabaseAdmin` on a SQLite file: check, verify, backup, restore, demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.services.ports.admin import AuditSummary, DatabaseHealth, HealthCheck
from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.printed.audit_anchors import AuditAnchor
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.password_hashes import Argon2Cost
    from ino_desk.persistence.audit.anchor_check import AnchorReport
    from ino_desk.persistence.audit.audit_report import AuditReport
    from ino_desk.persistence.sqlite.sqlite_engine import Database


class SqlDatabaseAdmin:
    def __init__(
        self,
        path: Path,
        backups_dir: Path,
        pinned: str | None = None,
        minimum: Argon2Cost | None = None,
    ) -> None:
        self._path = path.expanduser().absolute()
        self._backups_dir = backups_dir
        self._pinned = pinned  # the workstation's pinned administrator key (`audit verify`)
        self._minimum = minimum  # the password verifier's: a weaker stored hash is reported

    @property
    def location(self) -> str:
        return str(self._path)

    @property
    def backup_kind(self) -> str:
        return ""  # a plain copy of the file: another database file, restored with db restore

    def init_server(self, owner: str, app: str) -> list[str]:
        raise StoreError(
            "db init-server sets up a PostgreSQL server database; --db names a file here. "
            "Give the server database's URL: --db postgresql://ADMIN@HOST/DATABASE."
        )

    def check_restorable(self) -> None:
        """A file database can be replaced: `restore` checks the backup and keeps the old one."""

    def _open(self, *, create: bool = False) -> Database:
        from ino_desk.persistence.sqlite.database import open_database

        return open_database(self._path, backups_dir=self._backups_dir, create=create)

    def check(self) -> DatabaseHealth:
        from ino_desk.persistence.audit.examine import check_file

        report = check_file(self._path)
        checks = tuple(HealthCheck(name, ok, detail) for name, ok, detail in report.checks)
        return DatabaseHealth(self.location, checks, tuple(report.problems))

    def verify_audit(self, anchor: AuditAnchor | None = None) -> AuditSummary:
        from ino_desk.persistence.audit.anchor_check import AnchorCheck
        from ino_desk.persistence.audit.anchor_log import anchor_log_for
        from ino_desk.persistence.audit.examine import verify_file

        log = anchor_log_for(self._backups_dir)
        report, note, anchored = verify_file(
            self._path, self._pinned, self._minimum, AnchorCheck(log, anchor)
        )
        if not log.exists():
            anchored.log = ""  # no anchor log on this workstation (yet): nothing to name
        return audit_summary(report, note, self._pinned, anchored)

    def backup(self, dest: Path) -> Path:
        from ino_desk.persistence.audit.anchor_log import anchor_log_for
        from ino_desk.persistence.backups.backup import backup_to

        db = self._open()
        try:
            return backup_to(db, dest, anchor_log_for(self._backups_dir))
        finally:
            db.close()

    def restore(self, source: Path, passphrase: str | None = None) -> Path | None:
        from ino_desk.persistence.audit.anchor_log import anchor_log_for
        from ino_desk.persistence.backups.restore import restore

        return restore(source, self._path, anchor_log_for(self._backups_dir), passphrase)

    def fill_demo(self, rules: ClinicalRules, patients: int, seed: int) -> int:
        from ino_desk.persistence.demo.demo import fill_demo

        db = self._open(create=True)
        try:
            return fill_demo(db, rules, patients, seed=seed)
        finally:
            db.close()


def audit_summary(
    report: AuditReport, note: str, pinned: str | None, anchored: AnchorReport
) -> AuditSummary:
    """`audit verify`'s answer on either engine, with what the signing keys and the anchors
    kept outside the database add to it."""
    notes = []
    if report.unsigned_events or report.unsigned_signatures:
        notes.append(
            f"{report.unsigned_events:,} events and {report.unsigned_signatures:,} "
            "signatures unsigned (before r0016)"
        )
    if report.site_key is not None and pinned is None:
        notes.append(f"site administrator key {report.site_key} is not pinned here")
    return AuditSummary(
        report.events,
        report.rows,
        tuple(report.problems),
        note,
        "; ".join(notes),
        anchor_log=anchored.log,
        anchors=anchored.checked,
        anchor_problems=tuple(anchored.problems),
        given_anchor=anchored.given,
    )
