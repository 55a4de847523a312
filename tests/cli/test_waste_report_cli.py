"""`ino-desk waste-report` run as a user runs it, on a real database in a temporary folder
and on a PostgreSQL server database (tests/engines.py)."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.staff.users import Role
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.preparing.bench import record_residual_waste
from tests.cli.inprocess import InProcessCli, cli
from tests.cli.test_users_and_signing import completed
from tests.engines import (
    db_location,
    engine,
    open_location,
    pg_database,
    pg_server,
    pg_template,
    pytest_generate_tests,
    query,
)
from tests.people import pharmacist, stored_user
from tests.persistence.factories import NOW, db_path, first_cycle

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules
    from tests.conftest import CliRunner


REPORTER, REPORTER_PW = "pharm.w", "waste-reporter-pw"
REPORT = ("waste-report", "--user", REPORTER)  # a report takes records out: signed in, recorded
ReportRunner = Callable[..., "subprocess.CompletedProcess[str]"]
__all__ = [
    "cli",
    "db_location",
    "db_path",
    "engine",
    "pg_database",
    "pg_server",
    "pg_template",
    "pytest_generate_tests",
]
# Refused before the database is read (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
REFUSED_FIRST = pytest.mark.sqlite_only


@pytest.fixture
def run_cli_as(run_cli: CliRunner, engine: str, cli: InProcessCli) -> ReportRunner:
    """As the reporter: the installed entry point in child processes on SQLite; the same
    commands in this process on the server (CI's PostgreSQL slice has 3 minutes)."""
    run = completed(cli) if engine == "postgresql" else run_cli
    return lambda *args: run(*args, extra_env={"INO_DESK_PASSWORD": REPORTER_PW})


@pytest.fixture
def filled_db(db_location: str, rules: ClinicalRules) -> str:
    database = open_location(db_location)
    try:
        store = SqlStore(database, clock=lambda: NOW)  # 2026-03-02 09:30 UTC
        stored_user(store, REPORTER, Role.PHARMACIST, REPORTER_PW)  # the report is an export
        for dose in first_cycle(store, rules).doses[:2]:
            assert dose.id is not None
            record_residual_waste(store, rules, dose.id, pharmacist(store))
    finally:
        database.close()
    return db_location


def test_csv_lists_each_dose_of_the_month(run_cli_as: ReportRunner, filled_db: str) -> None:
    done = run_cli_as("--db", str(filled_db), *REPORT, "--month", "2026-03", "--csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    # who took the report out, and when, is on record (issue 14)
    exported = query(
        filled_db, "SELECT username FROM sign_in_events WHERE outcome = 'exported records'"
    )
    assert exported == [(REPORTER,)]
    # Day 1 1.46 mg from 2 vials: 0.34 mg; day 8 0.91 mg from 2 vials: 0.89 mg.
    assert [(r["day"], r["vials"], r["discarded_mg"], r["kind"]) for r in rows] == [
        ("1", "2", "0.34", "residual"),
        ("8", "2", "0.89", "residual"),
    ]
    assert rows[0]["mrn"] == "MRN-1001"
    assert rows[0]["recorded_at"] == "2026-03-02T09:30+00:00"


def test_table_shows_the_total_in_the_given_zone(run_cli_as: ReportRunner, filled_db: str) -> None:
    done = run_cli_as(
        "--db",
        str(filled_db),
        *REPORT,
        "--month",
        "2026-03",
        "--tz",
        "America/New_York",
    )
    assert done.returncode == 0, done.stderr
    assert "2026-03-02 04:30 EST" in done.stdout  # 09:30 UTC − 5 h
    # 0.34 + 0.89 = 1.23 mg
    assert "total: 1.23 mg discarded from 4 vial(s) over 2 dose(s)" in done.stdout


def test_a_month_without_waste_says_so(run_cli_as: ReportRunner, filled_db: str) -> None:
    done = run_cli_as("--db", str(filled_db), *REPORT, "--month", "2026-04")
    assert done.returncode == 0
    assert "no waste recorded this month" in done.stdout


@REFUSED_FIRST
@pytest.mark.parametrize("month", ["2026-13", "March", "2026-3-1", "26-03", ""])
def test_a_bad_month_exits_2_with_one_line(
    run_cli_as: ReportRunner, filled_db: str, month: str
) -> None:
    done = run_cli_as("--db", str(filled_db), *REPORT, "--month", month)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "--month" in done.stderr


@REFUSED_FIRST
def test_a_bad_zone_exits_2(run_cli_as: ReportRunner, filled_db: str) -> None:
    done = run_cli_as("--db", str(filled_db), *REPORT, "--month", "2026-03", "--tz", "Mars/X")
    assert done.returncode == 2
    assert "--tz" in done.stderr


# A database file that is not there: about the SQLite file.
@pytest.mark.sqlite_only
def test_a_missing_database_is_not_created(run_cli_as: ReportRunner, tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    done = run_cli_as("--db", str(missing), *REPORT, "--month", "2026-03")
    assert done.returncode == 4, done.stderr
    assert not missing.exists()
