"""`db check`: what is readable, integrity, foreign keys, schema version and audit trail."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ino_desk.persistence import migrate
from ino_desk.persistence.audit.read_errors import describe
from ino_desk.persistence.audit.verify import verify_audit

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)

INTEGRITY_LINES = 20  # integrity_check stops after this many problems
FETCH = 500


@dataclass(slots=True)
class HealthReport:
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, name: str, problems: list[str], summary: str) -> None:
        self.checks.append((name, not problems, summary if not problems else problems[0]))
        self.problems.extend(problems)


def guarded(engine: Engine, check: Callable[[Connection], list[str]], what: str) -> list[str]:
    """Run one check on its own connection; a failure is its problem, never a crash."""
    try:
        with engine.connect() as conn:
            return check(conn)
    except Exception as exc:
        log.warning("%s could not finish: %s", what, type(exc).__name__)
        return [f"the {what} could not finish: {describe(exc)}"]


def integrity_problems(conn: Connection) -> list[str]:
    rows = conn.exec_driver_sql(f"PRAGMA integrity_check({INTEGRITY_LINES})").fetchall()
    lines = [line for r in rows for line in str(r[0]).splitlines() if not line.startswith("***")]
    return [] if lines == ["ok"] else [f"integrity check: {line}" for line in lines]


def foreign_key_problems(conn: Connection) -> list[str]:
    rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    return [f"{r[0]} row {r[1]} refers to a missing {r[2]} row" for r in rows]


def readable_tables(conn: Connection, tables: list[str]) -> tuple[list[str], str]:
    """Read every row of every table: the ones that cannot be read, and what was read."""
    problems: list[str] = []
    read, rows = 0, 0
    for name in tables:
        count = 0
        try:
            quoted = '"' + name.replace('"', '""') + '"'
            result = conn.exec_driver_sql(f"SELECT * FROM {quoted}")
            while batch := result.fetchmany(FETCH):
                count += len(batch)
        except Exception as exc:
            problems.append(
                f"table {name} could not be read after {count:,} rows ({describe(exc)})"
            )
            continue
        read, rows = read + 1, rows + count
    summary = f"{read} tables, {rows:,} rows read"
    if problems:
        problems.append(f"what could be read: {summary}")
    return problems, summary


def check_database(conn: Connection) -> HealthReport:
    """The checks on a database at the head revision (a restore's staged copy)."""
    report = HealthReport()
    report.add("integrity", integrity_problems(conn), "ok")
    report.add("foreign keys", foreign_key_problems(conn), "ok")
    add_schema_and_audit(report, conn)
    return report


def add_schema_and_audit(report: HealthReport, conn: Connection) -> None:
    """The checks both engines make alike: the schema's version and the audit trail."""
    current, head = migrate.current_revision(conn), migrate.head_revision()
    schema = [] if current == head else [f"database version {current}, expected {head}"]
    report.add("schema", schema, f"at version {head}")
    audit = verify_audit(conn)
    report.add("audit trail", audit.problems, f"{audit.events} events, {audit.rows} rows match")
