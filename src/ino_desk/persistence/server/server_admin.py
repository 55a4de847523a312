"""`services.ports.DatabaseAdmin` on a PostgreSQL server database.

`db check` runs the server's own checks (every table readable, no index left invalid, no
constraint left unvalidated, foreign keys enforced by the server) plus the same schema and
audit verification as a file. Both read in one READ ONLY, REPEATABLE READ transaction: one
consistent snapshot while other workstations keep working. Backups are the server's job:
`backup` runs `pg_dump` in its custom format; a live server database is never replaced by
`restore` (its administrator restores with `pg_restore`, see the README).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from ino_desk.persistence.admin import audit_summary
from ino_desk.persistence.audit.audit_report import AuditReport
from ino_desk.persistence.audit.health import (
    HealthReport,
    add_schema_and_audit,
    readable_tables,
)
from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.persistence.server import server_messages
from ino_desk.persistence.server.server import (
    libpq_url,
    make_server_engine,
    server_url,
    shown,
)
from ino_desk.persistence.sqlite.leftovers import PARTIAL
from ino_desk.safe_files import fsync_folder, link_no_clobber, private_file
from ino_desk.services.ports.admin import AuditSummary, DatabaseHealth, HealthCheck
from ino_desk.services.store_errors import StoreError, StoreUnavailableError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sqlalchemy import Connection

    from ino_desk.domain.printed.audit_anchors import AuditAnchor
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.password_hashes import Argon2Cost

PG_DUMP_TIMEOUT_S = 3600
BACKUP_KIND = "pg_dump in its custom format (-Fc); restore it on the server with pg_restore"
RESTORE_REFUSED = (
    "db restore replaces a database file; it never replaces a live server database that other "
    "workstations are using. To go back to a backup, the server's administrator stops "
    "ino-desk on every workstation, restores the pg_dump file into a new database "
    "(createdb, then pg_restore --dbname NEW FILE), runs `ino-desk --db URL-OF-NEW db check`, "
    "and points the workstations at it (INO_DESK_DB). Nothing was changed."
)


class ServerDatabaseAdmin:
    def __init__(
        self,
        text: str,
        pinned: str | None = None,
        minimum: Argon2Cost | None = None,
        anchor_log: Path | None = None,
    ) -> None:
        self._text = text
        self._anchor_log = anchor_log  # this workstation's log of the server's heads
        self._pinned = pinned  # the workstation's pinned administrator key (`audit verify`)
        self._minimum = minimum  # the password verifier's: a weaker stored hash is reported

    @property
    def location(self) -> str:
        return shown(server_url(self._text))

    def _explained(self, exc: DBAPIError) -> StoreError:
        cause = exc.orig or exc
        return server_messages.explain(cause, self.location) or server_messages.failed(
            self.location, cause
        )

    @property
    def backup_kind(self) -> str:
        return BACKUP_KIND

    def _snapshot(self, read: Callable[[Connection], HealthReport | AuditReport]) -> object:
        engine = make_server_engine(server_url(self._text))
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                return read(conn)
        except DBAPIError as exc:
            raise self._explained(exc) from None
        finally:
            engine.dispose()

    def check(self) -> DatabaseHealth:
        report = self._snapshot(_check)
        assert isinstance(report, HealthReport)
        checks = tuple(HealthCheck(name, ok, detail) for name, ok, detail in report.checks)
        return DatabaseHealth(self.location, checks, tuple(report.problems))

    def verify_audit(self, anchor: AuditAnchor | None = None) -> AuditSummary:
        """The server's trail; every standing anchor of this workstation's anchor log of the
        server, and `anchor` read off paper, are checked against it."""
        from ino_desk.persistence.audit.anchor_check import AnchorCheck

        report = self._snapshot(lambda conn: _verify(conn, self._pinned, self._minimum))
        assert isinstance(report, AuditReport)
        log = self._anchor_log
        engine = make_server_engine(server_url(self._text))
        try:
            anchored = AnchorCheck(log if log is not None and log.exists() else None, anchor)
            checked = anchored.run(engine)
        finally:
            engine.dispose()
        return audit_summary(report, "", self._pinned, checked)

    def backup(self, dest: Path) -> Path:
        """`pg_dump -Fc` into `dest` (owner-only), written under a temporary name first."""
        program = shutil.which("pg_dump")
        if program is None:
            raise StoreError(
                "pg_dump is not installed on this workstation, so no backup was written. Back "
                "up the server database on the server (pg_dump or base backups), or install "
                "the PostgreSQL client tools here."
            )
        dest = dest.expanduser().absolute()
        if dest.exists():
            raise StoreError(f"{dest} already exists; choose a new file name for the backup.")
        partial = dest.with_name(f"{dest.name}{PARTIAL}{os.getpid()}")
        partial.unlink(missing_ok=True)
        try:
            done = subprocess.run(
                [program, "--format=custom", "--no-password", "--file", str(partial),
                 "--dbname", libpq_url(server_url(self._text))],
                capture_output=True, text=True, timeout=PG_DUMP_TIMEOUT_S, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                why = " ".join(done.stderr.split())[:300] or f"exit {done.returncode}"
                raise StoreError(f"pg_dump could not back up {self.location}: {why}")
            private_file(partial)
            with partial.open("rb+") as f:
                os.fsync(f.fileno())
            link_no_clobber(partial, dest)
            fsync_folder(dest.parent)
        except FileExistsError:
            raise StoreError(
                f"{dest} already exists; choose a new file name for the backup."
            ) from None
        finally:
            partial.unlink(missing_ok=True)
        return dest

    def init_server(self, owner: str, app: str) -> list[str]:
        from ino_desk.persistence.server.server_roles import init_server

        try:
            return init_server(self._text, owner, app)
        except DBAPIError as exc:
            raise self._explained(exc) from None

    def check_restorable(self) -> None:
        raise StoreUnavailableError(RESTORE_REFUSED)

    def restore(self, source: Path, passphrase: str | None = None) -> Path | None:
        raise StoreUnavailableError(RESTORE_REFUSED)

    def fill_demo(self, rules: ClinicalRules, patients: int, seed: int) -> int:
        from ino_desk.persistence.demo.demo import fill_demo
        from ino_desk.persistence.server.server import open_server_database

        db = open_server_database(self._text, create=True)
        try:
            return fill_demo(db, rules, patients, seed=seed)
        except DBAPIError as exc:
            raise self._explained(exc) from None
        finally:
            db.close()


def _tables(conn: Connection) -> list[str]:
    """The tables; StoreUnavailableError when the database holds no ino-desk schema."""
    tables = sorted(conn.dialect.get_table_names(conn))
    if "alembic_version" not in tables:
        raise StoreUnavailableError(
            "The server database holds no ino-desk data (no schema version): nothing to check."
        )
    return tables


def _invalid_indexes(conn: Connection) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready) "
        "ORDER BY 1"
    ).fetchall()
    return [f"index {r[0]} is invalid (rebuild it with REINDEX)" for r in rows]


def _unvalidated(conn: Connection, kinds: str) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT t.relname, c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
        "JOIN pg_namespace n ON n.oid = t.relnamespace "
        f"WHERE n.nspname = current_schema() AND c.contype IN ({kinds}) AND NOT c.convalidated "
        "ORDER BY 1, 2"
    ).fetchall()
    return [f"{r[0]}: constraint {r[1]} is not validated" for r in rows]


def _check(conn: Connection) -> HealthReport:
    report = HealthReport()
    tables = _tables(conn)
    problems, summary = readable_tables(conn, tables)
    report.add("readable", problems, summary)
    integrity = _invalid_indexes(conn) + _unvalidated(conn, "'c', 'u', 'p'")
    report.add("integrity", integrity, "ok (server indexes and constraints valid)")
    report.add("foreign keys", _unvalidated(conn, "'f'"), "ok (enforced by the server)")
    add_schema_and_audit(report, conn)
    return report


def _verify(conn: Connection, pinned: str | None, minimum: Argon2Cost | None) -> AuditReport:
    _tables(conn)
    return verify_audit(conn, pinned, minimum)
