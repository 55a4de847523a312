"""`services.ports.DatabaseAdmin` on a SQLite file: check, verify, backup, restore, demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.services.ports import AuditSummary, DatabaseHealth, HealthCheck

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.audit_anchors import AuditAnchor
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.database import Database


class SqlDatabaseAdmin:
    def __init__(self, path: Path, backups_dir: Path) -> None:
        self._path = path.expanduser().absolute()
        self._backups_dir = backups_dir

    @property
    def location(self) -> str:
        return str(self._path)

    def _open(self, *, create: bool = False) -> Database:
        from ino_desk.persistence.database import open_database

        return open_database(self._path, backups_dir=self._backups_dir, create=create)

    def check(self) -> DatabaseHealth:
        from ino_desk.persistence.examine import check_file

        report = check_file(self._path)
        checks = tuple(HealthCheck(name, ok, detail) for name, ok, detail in report.checks)
        return DatabaseHealth(self.location, checks, tuple(report.problems))

    def verify_audit(self, anchor: AuditAnchor | None = None) -> AuditSummary:
        from ino_desk.persistence.anchor_check import AnchorCheck
        from ino_desk.persistence.anchor_log import anchor_log_for
        from ino_desk.persistence.examine import verify_file

        log = anchor_log_for(self._backups_dir)
        report, note, anchored = verify_file(self._path, AnchorCheck(log, anchor))
        return AuditSummary(
            report.events,
            report.rows,
            tuple(report.problems),
            note,
            anchor_log=anchored.log if log.exists() else "",
            anchors=anchored.checked,
            anchor_problems=tuple(anchored.problems),
            given_anchor=anchored.given,
        )

    def backup(self, dest: Path) -> Path:
        from ino_desk.persistence.anchor_log import anchor_log_for
        from ino_desk.persistence.backup import backup_to

        db = self._open()
        try:
            return backup_to(db, dest, anchor_log_for(self._backups_dir))
        finally:
            db.close()

    def restore(self, source: Path, passphrase: str | None = None) -> Path | None:
        from ino_desk.persistence.anchor_log import anchor_log_for
        from ino_desk.persistence.backup import restore

        return restore(source, self._path, anchor_log_for(self._backups_dir), passphrase)

    def fill_demo(self, rules: ClinicalRules, patients: int, seed: int) -> int:
        from ino_desk.persistence.demo import fill_demo

        db = self._open(create=True)
        try:
            return fill_demo(db, rules, patients, seed=seed)
        finally:
            db.close()
