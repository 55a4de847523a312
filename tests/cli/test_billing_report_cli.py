"""`ino-desk waste-report --billing` (CSV and PDF) as a user runs it (`app.main` in this
process), on a real database file and on a PostgreSQL server database (tests/engines.py)."""

from __future__ import annotations

import csv
import io
import os
from typing import TYPE_CHECKING

from pypdf import PdfReader

from tests.cli.inprocess import cli, run_cli_in_process
from tests.cli.test_waste_report_cli import REFUSED_FIRST, REPORT, filled_db, run_cli_as
from tests.engines import (
    db_location,
    engine,
    pg_database,
    pg_server,
    pg_template,
    prepared,
    pytest_generate_tests,
)
from tests.persistence.factories import db_path

if TYPE_CHECKING:
    from pathlib import Path

    from tests.cli.test_waste_report_cli import ReportRunner

__all__ = [
    "cli",
    "db_location",
    "db_path",
    "engine",
    "filled_db",
    "pg_database",
    "pg_server",
    "pg_template",
    "prepared",
    "pytest_generate_tests",
    "run_cli_as",
    "run_cli_in_process",
]


def test_billing_csv_states_the_rule_and_bills_discarded_units_with_jw(
    run_cli_as: ReportRunner, filled_db: str
) -> None:
    done = run_cli_as("--db", str(filled_db), *REPORT, "--month", "2026-03", "--billing", "--csv")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "administered amount rounded up" in lines[1]
    rows = list(csv.DictReader(io.StringIO("\n".join(x for x in lines if not x.startswith("#")))))
    # The residue of Day 1 (0.34 mg) and Day 8 (0.89 mg) was recorded; neither dose is given
    # yet: only discarded drug, 3.4 -> 3 and 8.9 -> 8 units of 0.1 mg, each on a JW line.
    doses = [(r["day"], r["modifier"], r["units"], r["mg"], r["ndc"]) for r in rows[:2]]
    assert doses == [
        ("1", "JW", "3", "0.34", "00008-0100-01"),
        ("8", "JW", "8", "0.89", "00008-0100-01"),
    ]
    assert rows[0]["ndc_unit"] == "UN"
    assert rows[0]["ndc_quantity"] == "2"
    month = [r for r in rows if r["line"] == "month total"]
    assert [(r["modifier"], r["units"], r["mg"]) for r in month] == [
        ("", "0", "0"),
        ("JW", "11", "1.23"),
    ]


def test_billing_pdf_is_written_owner_only(
    run_cli_as: ReportRunner, filled_db: str, tmp_path: Path
) -> None:
    target = tmp_path / "billing.pdf"
    done = run_cli_as(
        "--db", str(filled_db), *REPORT, "--month", "2026-03", "--billing", "--out", str(target)
    )
    assert done.returncode == 0, done.stderr
    assert os.stat(target).st_mode & 0o077 == 0
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "J9229" in text
    assert "JW" in text
    assert "00008-0100-01" in text
    again = run_cli_as(
        "--db", str(filled_db), *REPORT, "--month", "2026-03", "--billing", "--out", str(target)
    )
    assert again.returncode == 2  # an existing file is never replaced without --force
    assert "--out" in again.stderr


@REFUSED_FIRST
def test_out_without_billing_names_the_flag(run_cli_as: ReportRunner, filled_db: str) -> None:
    done = run_cli_as("--db", str(filled_db), *REPORT, "--month", "2026-03", "--out", "x.pdf")
    assert done.returncode == 2
    assert "--out" in done.stderr
