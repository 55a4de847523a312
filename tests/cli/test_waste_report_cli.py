"""`ino-desk waste-report` run as a user runs it (`app.main` in this process; a missing database
through the installed command), on a real database in a temporary folder and on a PostgreSQL
server database (tests/engines.py)."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.staff.users import Role
from ino_desk.persistence.unit_of_work import SqlStore
from tests.cli.inprocess import cli, run_cli_in_process
from tests.engines import (
    Prepared,
    copy_database,
    engine,
    open_location,
    pg_server,
    pg_template,
    prepared,
    pytest_generate_tests,
    query,
)
from tests.people import cheap_passwords, stored_user
from tests.persistence.factories import NOW, first_cycle
from tests.services.preparing.signed_dose import PREPARER, people, saved_bag

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules
    from tests.conftest import CliRunner


__all__ = [
    "cli",
    "engine",
    "pg_server",
    "pg_template",
    "prepared",
    "pytest_generate_tests",
    "run_cli_in_process",
]
REPORTER, REPORTER_PW = "pharm.w", "waste-reporter-pw"
REPORT = ("waste-report", "--user", REPORTER)  # a report takes records out: signed in, recorded
ReportRunner = Callable[..., "subprocess.CompletedProcess[str]"]
# Refused before the database is read (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
REFUSED_FIRST = pytest.mark.sqlite_only


@pytest.fixture
def run_cli_as(run_cli_in_process: CliRunner) -> ReportRunner:
    """The report in this process, as the reporter (the tests' cheap password hashes)."""
    return lambda *args: run_cli_in_process(*args, extra_env={"INO_DESK_PASSWORD": REPORTER_PW})


def _fill(location: str, rules: ClinicalRules) -> None:
    database = open_location(location)
    try:
        store = SqlStore(database, clock=lambda: NOW, passwords=cheap_passwords())  # 09:30 UTC
        stored_user(store, REPORTER, Role.PHARMACIST, REPORTER_PW)  # the report is an export
        # Each bag saved at the bench on its dose's own day, its vial residue with it (the
        # bench's people, like the reporter, with the tests' cheap hashes).
        bench = SqlStore(database, clock=lambda: NOW, passwords=cheap_passwords())
        day1, day8 = (d.id or 0 for d in first_cycle(bench, rules).doses[:2])
        tech = people(bench)[PREPARER]
        saved_bag(bench, rules, day1, "D1", datetime(2026, 3, 2, 8, 0, tzinfo=UTC), tech)
        a_week_on = SqlStore(
            database, clock=lambda: NOW + timedelta(7), passwords=cheap_passwords()
        )
        saved_bag(a_week_on, rules, day8, "D8", datetime(2026, 3, 9, 8, 0, tzinfo=UTC), tech)
    finally:
        database.close()


@pytest.fixture
def filled_db(
    prepared: Prepared,
    engine: str,
    request: pytest.FixtureRequest,
    rules: ClinicalRules,
    tmp_path: Path,
) -> str:
    """The reporter and two bags with their residue, built once per module and engine; each
    test takes its own copy (a report records its export)."""
    template = prepared.template(
        "waste_report_filled", engine, request, lambda where: _fill(where, rules)
    )
    return copy_database(template, tmp_path)


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


def test_a_missing_database_is_not_created(run_cli: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"  # through the installed command, in a child process
    args = ("--db", str(missing), *REPORT, "--month", "2026-03")
    done = run_cli(*args, extra_env={"INO_DESK_PASSWORD": REPORTER_PW})
    assert done.returncode == 4, done.stderr
    assert not missing.exists()
