"""`bench-time add` (issue 16): a Reconstituted or Diluted time now, or the real time typed
afterwards with --at and --reason; checked, kept and audited as at the bench."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from tests.cli.shared_course import SECOND_PW, audit_reasons, plan_cycle_1_from
from tests.cli.test_course_commands import (
    MRN,
    _copy,
    _one_line,
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
TODAY = date.today()
ADD = ("bench-time", "add", "--mrn", MRN, "--cycle", "1", "--day", "1")


def _verified_today(db: str) -> None:
    """Cycle 1 starting today, its Day 1 verified by a pharmacist who did not plan it."""
    plan_cycle_1_from(db, TODAY)
    [(dose_id,)] = query(db, "SELECT id FROM dose_days WHERE day = 1")
    verify = ("sign", "verify", "--dose", str(dose_id))
    assert cli(db, *verify, user="pharm.b", password=SECOND_PW) == 0


@pytest.fixture
def verified_today(
    prepared: Prepared, staffed: str, engine: str, request: pytest.FixtureRequest
) -> str:
    """The staffed database with cycle 1 starting today and its Day 1 verified (prepared once
    per session and engine)."""
    return prepared.template("today", engine, request, _verified_today, start_from=staffed)


def test_a_time_entered_later_needs_a_reason_and_is_checked(
    verified_today: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if datetime.now().hour == 0:
        pytest.skip("the verification was moments ago; at midnight the dose's day changes")
    db = _copy(verified_today, tmp_path)
    reconstituted = (*ADD, "--event", "reconstituted")
    earlier = (datetime.now() - timedelta(minutes=30)).isoformat(timespec="minutes")
    capsys.readouterr()
    assert cli(db, *reconstituted, "--at", earlier) == 2
    assert "--reason: required with --at" in _one_line(capsys.readouterr().err)
    assert cli(db, *reconstituted, "--reason", "late") == 2
    assert "--reason: only with --at" in _one_line(capsys.readouterr().err)
    # Verified moments ago: half an hour back is before the order's verification.
    assert cli(db, *reconstituted, "--at", earlier, "--reason", "hood alarm") == 2
    assert "--at: is before the order's verification" in _one_line(capsys.readouterr().err)
    later = (datetime.now() + timedelta(hours=1)).isoformat(timespec="minutes")
    assert cli(db, *reconstituted, "--at", later, "--reason", "hood alarm") == 2
    assert "is in the future" in _one_line(capsys.readouterr().err)
    assert cli(db, *reconstituted, "--at", "half past nine", "--reason", "x") == 2
    assert "--at: 'half past nine' is not a date and time" in _one_line(capsys.readouterr().err)
    assert cli(db, *reconstituted) == 0  # now
    out = capsys.readouterr().out
    assert out.startswith(f"patient {MRN}: cycle 1 Day 1: reconstituted at {TODAY.isoformat()}")
    assert "entered later" not in out
    diluted = (*ADD, "--event", "diluted", "--storage", "room")
    real = datetime.now().isoformat()  # just after the reconstitution, before the entry
    assert cli(db, *diluted, "--at", real, "--reason", "written on the worksheet") == 0, _one_line(
        capsys.readouterr().err
    )
    assert "(entered later: written on the worksheet)" in capsys.readouterr().out
    [reason] = audit_reasons(db, "bench_mark")[-1:]
    assert reason.startswith("Time entered later: diluted at ")
    assert reason.endswith("UTC: written on the worksheet")
