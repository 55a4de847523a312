"""`downtime snapshot` and `downtime-pack`: the local snapshot and the printed pack (issue 18),
taken from a SQLite file and from a PostgreSQL server database."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from ino_desk import paths
from ino_desk.persistence.downtime.downtime_snapshot import NO_PASSWORD
from ino_desk.persistence.downtime.downtime_store import open_snapshot
from ino_desk.services.ports.downtime import DowntimeReadOnlyError
from tests.cli.inprocess import InProcessCli, cli
from tests.cli.staffed import staffed_demo
from tests.engines import (
    engine,
    pg_server,
    pg_template,
    prepared,
    pytest_generate_tests,
    query,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "cli",
    "engine",
    "pg_server",
    "pg_template",
    "prepared",
    "pytest_generate_tests",
    "staffed_demo",
]

ACTIVE = """
    SELECT DISTINCT p.mrn FROM patients p JOIN courses k ON k.patient_id = p.id
    JOIN cycles c ON c.course_id = k.id JOIN dose_days d ON d.cycle_id = c.id
    WHERE d.planned_date BETWEEN :first AND :last
"""


def _active(db: str | Path) -> set[str]:
    today = date.today()
    week = {"first": today.isoformat(), "last": (today + timedelta(days=7)).isoformat()}
    return {r[0] for r in query(db, ACTIVE, **week)}


def _snapshot_of(db: str) -> Path:
    """Where the app keeps the snapshot of `--db db`: a file is named by its absolute path."""
    if db.startswith("postgresql://"):
        return paths.downtime_snapshot_for(db)
    return paths.downtime_snapshot_for(Path(db).absolute())


def _text(pdf: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


@pytest.fixture
def demo_db(staffed_demo: Callable[[int], str]) -> str:
    db = staffed_demo(12)
    assert _active(db), "the demo must have doses this week for these tests"
    return db


def test_the_snapshot_holds_the_active_patients_without_passwords_or_audit(
    cli: InProcessCli, demo_db: str
) -> None:
    done = cli("--db", str(demo_db), "downtime", "snapshot")
    assert done.code == 0, done.err
    snapshot = _snapshot_of(demo_db)
    assert f"written to {snapshot}" in done.out
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600
    assert _active(snapshot) == _active(demo_db)
    everyone = {r[0] for r in query(demo_db, "SELECT mrn FROM patients")}
    with sqlite3.connect(snapshot) as con:
        copied = {r[0] for r in con.execute("SELECT mrn FROM patients")}
        hashes = {r[0] for r in con.execute("SELECT password_hash FROM users")}
        (events,) = con.execute("SELECT count(*) FROM audit_events").fetchone()
    assert copied == _active(demo_db) < everyone  # only who has a dose this week
    assert hashes == {NO_PASSWORD}
    assert events == 0
    assert f"{len(copied)} patients" in done.out


def test_the_snapshot_is_read_only_and_refuses_every_write(cli: InProcessCli, demo_db: str) -> None:
    assert cli("--db", str(demo_db), "downtime", "snapshot").code == 0
    store = open_snapshot(_snapshot_of(demo_db))
    try:
        assert store.read(lambda uow: uow.queries.patient_count()) == len(_active(demo_db))
        with pytest.raises(DowntimeReadOnlyError) as refused:
            store.write(lambda uow: uow.queries.patient_count())
        assert "read-only snapshot taken" in refused.value.message
        assert "recorded after downtime" in refused.value.message
    finally:
        store.database.close()


# About the database's own file (a server database has no file to replace).
@pytest.mark.sqlite_only
def test_snapshot_out_never_replaces_the_database_or_another_file(
    cli: InProcessCli, demo_db: str, tmp_path: Path
) -> None:
    done = cli("--db", str(demo_db), "downtime", "snapshot", "--out", str(demo_db))
    assert done.code == 2
    assert done.err.startswith("ino-desk: error: --out:")
    other = tmp_path / "notes.txt"
    other.write_text("mine")
    done = cli("--db", str(demo_db), "downtime", "snapshot", "--out", str(other))
    assert done.code == 2
    assert other.read_text() == "mine"
    mine = tmp_path / "mine.sqlite3"
    assert cli("--db", str(demo_db), "downtime", "snapshot", "--out", str(mine)).code == 0
    assert cli("--db", str(demo_db), "downtime", "snapshot", "--out", str(mine)).code == 0


def test_the_pack_prints_doses_reference_and_forms(
    cli: InProcessCli, demo_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    done = cli("--db", str(demo_db), "downtime-pack", "--out", str(out))
    assert done.code == 0, done.err
    assert "from the database" in done.out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = _text(out)
    for mrn in _active(demo_db):
        assert f"MRN {mrn}" in text
    # PI 2.1 Table 1, cycle 1: 0.8 mg/m² on Day 1, 0.5 mg/m² on Days 8 and 15; 21 days.
    assert "Day 1 0.8 mg/m², Day 8 0.5 mg/m², Day 15 0.5 mg/m²; cycle 21 days" in text
    headings = (
        "Label quick reference",
        "Paper order form",
        "Preparation record",
        "Administration record",
        "Verified by (pharmacist)",
        "Given by (nurse)",
    )
    for heading in headings:
        assert heading in text
    assert "Course authority" in text
    again = cli("--db", str(demo_db), "downtime-pack", "--out", str(out))
    assert again.code == 2  # an existing file needs --force
    assert cli("--db", str(demo_db), "downtime-pack", "--out", str(out), "--force").code == 0


def test_the_pack_prints_from_the_snapshot_when_the_database_is_gone(
    cli: InProcessCli, demo_db: str, tmp_path: Path
) -> None:
    assert cli("--db", str(demo_db), "downtime", "snapshot").code == 0
    active = _active(demo_db)
    _take_away(demo_db, tmp_path)
    out = tmp_path / "pack.pdf"
    done = cli("--db", str(demo_db), "downtime-pack", "--out", str(out))
    assert done.code == 0, done.err
    assert "from the read-only snapshot taken" in done.out
    text = _text(out)
    assert "from the read-only snapshot taken" in text
    for mrn in active:
        assert f"MRN {mrn}" in text


def _take_away(db: str, tmp_path: Path) -> None:
    """The database is gone: the file moved away, or the server database dropped."""
    if not db.startswith("postgresql://"):
        Path(db).rename(tmp_path / "away.sqlite3")
        return
    import psycopg

    base, name = db.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def test_without_a_snapshot_the_database_error_stands(cli: InProcessCli, tmp_path: Path) -> None:
    done = cli(
        "--db", str(tmp_path / "none.sqlite3"), "downtime-pack", "--out", str(tmp_path / "p.pdf")
    )
    assert done.code == 4
    assert "There is no database" in done.err
    assert not (tmp_path / "p.pdf").exists()
