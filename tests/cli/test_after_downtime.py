"""Back-entry after a downtime: paper records entered with their paper time (issue 18).

The patient's cycle 1 starts two days ago, so Day 1 was given during the outage and is
entered now with the time on the paper; the entry is marked in the dose, the audit trail
and the order sheet.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from tests.cli.shared_course import SECOND_PW, audit_reasons, plan_cycle_1_from
from tests.cli.test_course_commands import (
    ELSEWHERE,
    MRN,
    _copy,
    _private_folders,
    cli,
    staffed,
)
from tests.engines import engine, pg_server, pg_template, prepared, pytest_generate_tests, query

if TYPE_CHECKING:
    from pathlib import Path

    from tests.engines import Prepared

__all__ = [
    "_private_folders",
    "engine",
    "pg_server",
    "pg_template",
    "prepared",
    "pytest_generate_tests",
    "staffed",
]

DAY_1 = date.today() - timedelta(days=2)
PAPER = f"{DAY_1.isoformat()} 14:30"
NOTE = f"recorded after downtime, paper time {PAPER}"


def _outage_course(db: str) -> None:
    """Cycle 1 started two days ago (Day 1 was in the outage), and a second pharmacist."""
    plan_cycle_1_from(db, DAY_1)


@pytest.fixture
def recent(prepared: Prepared, staffed: str, engine: str, request: pytest.FixtureRequest) -> str:
    """The staffed database with cycle 1 started two days ago (Day 1 was in the outage)."""
    return prepared.template("recent", engine, request, _outage_course, start_from=staffed)


def test_a_dose_given_on_paper_is_entered_with_its_paper_time(
    recent: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(recent, tmp_path)
    give = ("dose-day", "give", "--mrn", MRN, "--cycle", "1", "--day", "1", "--override", ELSEWHERE)
    capsys.readouterr()
    assert cli(db, *give, "--after-downtime", "--paper-time", PAPER) == 0
    # 1.88 m² × 0.8 mg/m² = 1.504 -> 1.5 mg (PI 2.1 Table 1), given on the paper's day.
    assert capsys.readouterr().out == (
        f"patient {MRN}: cycle 1 Day 1 ({DAY_1.isoformat()}, 1.5 mg) given by pharm.a ({NOTE})\n"
    )
    assert NOTE in audit_reasons(db, "dose_day")[-1]
    [(stored,)] = query(db, "SELECT paper_time FROM dose_days WHERE day = 1")
    paper_utc = datetime.strptime(PAPER, "%Y-%m-%d %H:%M").astimezone()
    on_file = stored if isinstance(stored, datetime) else datetime.fromisoformat(stored)
    assert on_file == paper_utc
    out = tmp_path / "sheet.pdf"
    assert cli(db, "order-sheet", "--mrn", MRN, "--cycle", "1", "--out", str(out)) == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "recorded after downtime, paper time" in text
    assert PAPER in text


def test_a_hold_and_a_signature_from_paper_are_marked(
    recent: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(recent, tmp_path)
    an_hour_ago = (datetime.now() - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    hold = ("dose-day", "hold", "--mrn", MRN, "--cycle", "1", "--day", "8", "--reason", "ALT 3x")
    assert cli(db, *hold, "--after-downtime", "--paper-time", an_hour_ago) == 0
    assert audit_reasons(db, "dose_day")[-1] == (
        f"recorded after downtime, paper time {an_hour_ago} — ALT 3x"
    )
    [(dose_id,)] = query(db, "SELECT id FROM dose_days WHERE day = 1")
    capsys.readouterr()
    verify = ("sign", "verify", "--dose", str(dose_id), "--after-downtime", "--paper-time", PAPER)
    assert cli(db, *verify, user="pharm.b", password=SECOND_PW) == 0
    assert capsys.readouterr().out.endswith(f"verified order by Bea Second ({NOTE})\n")
    assert audit_reasons(db, "signature")[-1] == f"{NOTE} — verified order"
    out = tmp_path / "sheet.pdf"
    assert cli(db, "order-sheet", "--mrn", MRN, "--cycle", "1", "--out", str(out)) == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert f"{NOTE}; entered" in text  # the signature's paper time and its entry time


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("flags", "error"),
    [
        (("--after-downtime",), "--after-downtime: give the time on the paper with --paper-time"),
        (("--paper-time", PAPER), "--paper-time: only with --after-downtime"),
        (("--after-downtime", "--paper-time", "yesterday"), "--paper-time: write it as"),
        (("--after-downtime", "--paper-time", "2099-01-01 10:00"), "--paper-time: must lie"),
    ],
)
def test_bad_paper_flags_exit_2_naming_the_flag(
    recent: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    flags: tuple[str, ...],
    error: str,
) -> None:
    db = _copy(recent, tmp_path)
    hold = ("dose-day", "hold", "--mrn", MRN, "--cycle", "1", "--day", "8", "--reason", "x")
    capsys.readouterr()
    assert cli(db, *hold, *flags) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ino-desk: error: {error}"), err
    assert "Traceback" not in err
    assert audit_reasons(db, "dose_day") == audit_reasons(recent, "dose_day")  # nothing saved


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_a_paper_time_on_another_day_than_the_one_given_is_refused(
    recent: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(recent, tmp_path)
    give = ("dose-day", "give", "--mrn", MRN, "--cycle", "1", "--day", "1", "--override", ELSEWHERE)
    other_day = f"{(DAY_1 + timedelta(days=1)).isoformat()} 09:00"
    capsys.readouterr()
    code = cli(db, *give, "--on", DAY_1.isoformat(), "--after-downtime", "--paper-time", other_day)
    assert code == 2
    assert capsys.readouterr().err == (
        f"ino-desk: error: --paper-time: must fall on the day given ({DAY_1.isoformat()})\n"
    )
