"""`bench-time add` (issue 16): a Reconstituted or Diluted time now, or the real time typed
afterwards with --at and --reason; checked, kept and audited as at the bench."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from tests.cli.test_after_downtime import SECOND_PW, _audit_reasons, _copy
from tests.cli.test_course_commands import (
    ADMIN_PW,
    MRN,
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
    before = (TODAY - timedelta(days=1)).isoformat()
    steps = [
        ["patient", "add", "--mrn", MRN, "--family", "Bench", "--given", "Bo",
         "--born", "1980-05-17", "--sex", "female", "--allergies", "none-known"],
        ["measurement", "add", "--mrn", MRN, "--height-cm", "170", "--weight-kg", "75",
         "--on", before],
        ["lab", "add", "--mrn", MRN, "--on", before, "--anc", "2.1", "--platelets", "140",
         "--transfused", "no", "--bilirubin", "0.6", "--bilirubin-uln", "1.2", "--ast", "22",
         "--ast-uln", "40", "--alt", "25", "--alt-uln", "40", "--blasts", "500"],
        ["course", "start", "--mrn", MRN, "--hsct", "no", "--on", before],
        ["cycle", "plan", "--mrn", MRN, "--start", TODAY.isoformat(), "--prescriber", "Dr Test"],
    ]  # fmt: skip
    with pytest.MonkeyPatch.context() as mp:
        for step in steps:
            assert cli(db, *step) == 0, step
        mp.setenv("INO_DESK_NEW_PASSWORD", SECOND_PW)
        second = ("users", "add", "pharm.b", "--full-name", "Bea Second", "--role", "pharmacist")
        assert cli(db, *second, user="admin", password=ADMIN_PW) == 0
        [(dose_id,)] = query(db, "SELECT id FROM dose_days WHERE day = 1")
        verify = ("sign", "verify", "--dose", str(dose_id))
        assert cli(db, *verify, user="pharm.b", password=SECOND_PW) == 0


@pytest.fixture
def verified_today(
    prepared: Prepared, staffed: str, engine: str, request: pytest.FixtureRequest
) -> str:
    """The staffed database with cycle 1 starting today and its Day 1 verified (prepared once
    per module and engine)."""
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
    [reason] = _audit_reasons(db, "bench_mark")[-1:]
    assert reason.startswith("Time entered later: diluted at ")
    assert reason.endswith("UTC: written on the worksheet")
