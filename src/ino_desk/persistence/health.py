"""`db check`: the file's integrity, foreign keys, schema version and audit trail, in one report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ino_desk.persistence import migrate
from ino_desk.persistence.verify import verify_audit

if TYPE_CHECKING:
    from sqlalchemy import Connection


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


def integrity_problems(conn: Connection) -> list[str]:
    rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else [f"integrity check: {r}" for r in rows]


def foreign_key_problems(conn: Connection) -> list[str]:
    rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    return [f"{r[0]} row {r[1]} refers to a missing {r[2]} row" for r in rows]


def check_database(conn: Connection) -> HealthReport:
    report = HealthReport()
    report.add("integrity", integrity_problems(conn), "ok")
    report.add("foreign keys", foreign_key_problems(conn), "ok")
    current, head = migrate.current_revision(conn), migrate.head_revision()
    schema = [] if current == head else [f"database version {current}, expected {head}"]
    report.add("schema", schema, f"at version {head}")
    audit = verify_audit(conn)
    report.add("audit trail", audit.problems, f"{audit.events} events, {audit.rows} rows match")
    return report
