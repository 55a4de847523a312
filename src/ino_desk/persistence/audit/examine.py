"""`db check` and `audit verify` of a file: on a private copy, never a crash, never a write.

The file is refused (StoreUnavailableError, exit 4) only when nothing in it can be read:
missing, unreadable, empty, not SQLite, or SQLite cannot even read its list of tables.
Everything else becomes a report: which tables could be read and how many rows, the
integrity_check lines, foreign keys, the schema version and the audit trail. A database at an
older schema revision (every before-upgrade backup) is checked after migrating the private
copy with ino-desk's own migrations; the file itself is never migrated.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ino_desk.persistence import migrate
from ino_desk.persistence.audit.anchor_check import AnchorCheck, AnchorReport
from ino_desk.persistence.audit.audit_report import AuditReport
from ino_desk.persistence.audit.health import (
    HealthReport,
    foreign_key_problems,
    guarded,
    integrity_problems,
    readable_tables,
)
from ino_desk.persistence.audit.read_errors import describe
from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.persistence.sqlite import messages
from ino_desk.persistence.sqlite.snapshot import private_copy, reading_engine, refuse_unusable

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy import Engine

    from ino_desk.domain.staff.password_hashes import Argon2Cost

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Layout:
    """What the copy holds: its tables and schema revision, and whether the audit can run."""

    tables: list[str]
    revision: str | None
    schema_problems: list[str]
    schema_detail: str

    @property
    def verifiable(self) -> bool:
        return not self.schema_problems


def _read_layout(engine: Engine, path: Path) -> Layout:
    try:
        with engine.connect() as conn:
            tables = [
                str(r[0])
                for r in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                )
            ]
    except Exception as exc:  # SQLite's own message may not even be text
        raise messages.not_a_database(
            path, f"SQLite cannot read its list of tables: {describe(exc)}; nothing could be read"
        ) from None
    if not tables:
        return Layout([], None, [messages.NO_TABLES], "")
    if "alembic_version" not in tables:
        return Layout(tables, None, [messages.OTHER_PROGRAM], "")
    try:
        with engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    except Exception as exc:
        return Layout(tables, None, [f"its schema version cannot be read: {describe(exc)}"], "")
    revision = None if row is None else str(row[0])
    if revision not in migrate.known_revisions():
        raise messages.newer_schema(path, str(revision))
    head = migrate.head_revision()
    if revision == head:
        return Layout(tables, revision, [], f"at version {head}")
    return Layout(tables, revision, [], "")


def _bring_to_head(copy: Path, layout: Layout, verb: str) -> None:
    """Migrate the private copy of an older database; a failure becomes a schema problem."""
    from ino_desk.persistence.sqlite.sqlite_engine import WRITE, make_engine

    head = migrate.head_revision()
    if not layout.verifiable or layout.revision == head:
        return
    engine = make_engine(copy)
    try:
        with engine.execution_options(**{WRITE: True}).begin() as conn:
            migrate.upgrade(conn)
    except Exception as exc:  # a damaged old file: say so, never crash
        log.warning("migrating a private copy failed: %s", type(exc).__name__)
        layout.schema_problems.append(
            f"database at revision {layout.revision}; this ino-desk is at {head}: a temporary "
            f"copy could not be migrated ({describe(exc)})"
        )
        return
    finally:
        engine.dispose()
    layout.schema_detail = (
        f"database at revision {layout.revision}; this ino-desk is at {head}: {verb} after "
        "migrating a temporary copy (the file itself was not changed)"
    )


@contextlib.contextmanager
def _examined(path: Path) -> Iterator[tuple[Path, Engine, Layout]]:
    path = path.expanduser().absolute()
    refuse_unusable(path)
    with private_copy(path) as copy:
        engine = reading_engine(copy)
        try:
            yield copy, engine, _read_layout(engine, path)
        finally:
            engine.dispose()


def _audit(
    engine: Engine, layout: Layout, pinned: str | None = None, minimum: Argon2Cost | None = None
) -> AuditReport:
    if not layout.verifiable:
        report = AuditReport()
        report.add(f"not verified: {layout.schema_problems[0]}")
        return report
    try:
        with engine.connect() as conn:
            return verify_audit(conn, pinned, minimum)
    except Exception as exc:  # verify_audit reports what it reads; this is opening the copy
        report = AuditReport()
        report.add(f"the audit trail could not be read ({describe(exc)})")
        return report


def check_file(path: Path) -> HealthReport:
    """`db check`: read-only for the file; see the module docstring."""
    report = HealthReport()
    with _examined(path) as (copy, engine, layout):
        with engine.connect() as conn:
            problems, summary = readable_tables(conn, layout.tables)
        report.add("readable", problems, summary)
        report.add("integrity", guarded(engine, integrity_problems, "integrity check"), "ok")
        report.add("foreign keys", guarded(engine, foreign_key_problems, "foreign key check"), "ok")
        engine.dispose()  # the copy may now be migrated by another engine
        _bring_to_head(copy, layout, "checked")
        report.add("schema", layout.schema_problems, layout.schema_detail)
        audit = _audit(engine, layout)
        report.add("audit trail", audit.problems, f"{audit.events} events, {audit.rows} rows match")
    return report


def verify_file(
    path: Path,
    pinned: str | None = None,
    minimum: Argon2Cost | None = None,
    anchors: AnchorCheck | None = None,
) -> tuple[AuditReport, str, AnchorReport]:
    """`audit verify`: the report, a note on the schema revision ("" when at head), and the
    anchors kept outside the file checked against the same copy."""
    with _examined(path) as (copy, engine, layout):
        engine.dispose()
        _bring_to_head(copy, layout, "verified")
        report = _audit(engine, layout, pinned, minimum)
        anchored = AnchorReport() if anchors is None else anchors.run(engine)
    note = "" if layout.revision == migrate.head_revision() else layout.schema_detail
    return report, note, anchored
