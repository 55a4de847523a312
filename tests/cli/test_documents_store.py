"""`order-sheet` / `bag-label` on a database filled by `ino-desk demo`, `app.main` in this
process (a missing database also through the installed command), on a SQLite file and on a
PostgreSQL server database (`tests/engines.py`).

`demo --patients 3 --seed 1` is deterministic: DEMO0000001 has cycles 1 and 2 stored, cycle 2's
Day 8 is planned (not today) and has no recorded preparation; bag labels are made for a
patient planned today (`plan_today`).
"""

from __future__ import annotations

import io
import os
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pypdf
import pytest

from tests.cli.inprocess import cli, completed, template_cli
from tests.cli.test_users_and_signing import PEOPLE, TODAY_MRN, _as, _staffed, plan_today
from tests.engines import (
    copy_database,
    engine,
    pg_server,
    pg_template,
    prepared,
    pytest_generate_tests,
    query,
)

if TYPE_CHECKING:
    from pathlib import Path

    from tests.cli.inprocess import InProcessCli
    from tests.conftest import CliRunner
    from tests.engines import Prepared

__all__ = ["cli", "engine", "pg_server", "pg_template", "prepared", "pytest_generate_tests"]

MRN = "DEMO0000001"


def _text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.fixture
def staffed_template(
    prepared: Prepared,
    engine: str,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> str:
    """The demo patients and the staff, made once per session and engine by the real
    commands in this process, with the tests' cheap password hashes (`tests.people`); each
    test works on its own copy, also in this process (a child process reads only hashes at
    the product's cost: 6-90 s per test here, most of it hashing)."""

    def build(location: str) -> None:
        with template_cli(tmp_path_factory.mktemp("staffing")) as staffing:
            run = completed(staffing)
            result = run("--db", location, "demo", "--patients", "3", "--seed", "1")
            assert result.returncode == 0, result.stderr
            _staffed(run, location)
        assert not os.path.exists(f"{location}-wal")  # every command closed it: one file

    return prepared.template("documents_staffed", engine, request, build)


@pytest.fixture
def db(staffed_template: str, tmp_path: Path) -> str:
    return copy_database(staffed_template, tmp_path)


@pytest.fixture
def in_process(cli: InProcessCli) -> CliRunner:
    return completed(cli)


def _issued(db: str) -> list[tuple[str, str, int]]:
    rows = query(db, "SELECT kind, printed_by, reprint FROM documents ORDER BY id")
    return [(str(k), str(w), int(r)) for k, w, r in rows]


def _stored_doses(db: str, cycle: int) -> list[tuple[int, str]]:
    rows = query(
        db,
        "SELECT d.day, d.dose_mg FROM dose_days d JOIN cycles c ON c.id = d.cycle_id "
        "JOIN courses co ON co.id = c.course_id JOIN patients p ON p.id = co.patient_id "
        "WHERE p.mrn = :mrn AND c.number = :n ORDER BY d.day",
        mrn=MRN,
        n=cycle,
    )
    return [(int(d), str(mg)) for d, mg in rows]


def test_order_sheet_from_the_database_is_recorded_then_reprinted(
    in_process: CliRunner, db: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "c2.pdf", tmp_path / "c2-again.pdf"
    common = ("--db", str(db), "order-sheet", "--mrn", MRN, "--cycle", "2")
    result = in_process(
        *common, "--out", str(first), "--user", "pharm.a", extra_env=_as(PEOPLE["pharm.a"][2])
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("recorded as original, issued by pharm.a\n")
    text = _text(first)
    assert f"MRN {MRN}" in text
    assert "cycle 2 order" in text
    # the stored mg of each day, printed the ISMP way (no trailing zero)
    for day, mg in _stored_doses(db, 2):
        shown = mg.rstrip("0").rstrip(".") if "." in mg else mg
        assert f"{shown} mg" in text, (day, mg)
    assert "REPRINT" not in text

    again = in_process(
        *common, "--out", str(second), "--user", "pharm.b", extra_env=_as(PEOPLE["pharm.b"][2])
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.endswith("recorded as REPRINT, issued by pharm.b\n")
    assert "REPRINT" in _text(second)
    # same document: the id and hash in the first line agree
    assert result.stdout.split()[2] == again.stdout.split()[2]
    assert _issued(db) == [("order-sheet", "pharm.a", 0), ("order-sheet", "pharm.b", 1)]


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_user_is_required_for_the_database(in_process: CliRunner, db: str, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = in_process(
        "--db", str(db), "order-sheet", "--mrn", MRN, "--cycle", "1", "--out", str(out)
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "--user" in result.stderr
    assert not out.exists()
    assert _issued(db) == []


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("order-sheet", "--mrn", "NOPE-1", "--cycle", "1"), "no patient with MRN NOPE-1"),
        (("order-sheet", "--mrn", MRN, "--cycle", "5"), "has no cycle 5"),
        (("bag-label", "--mrn", MRN, "--cycle", "3", "--day", "8"), "has no cycle 3"),
    ],
)
def test_unknown_patient_or_cycle_exits_1(
    in_process: CliRunner, db: str, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "x.pdf"
    result = in_process(
        "--db",
        str(db),
        *args,
        "--out",
        str(out),
        "--user",
        "pharm.a",
        extra_env=_as(PEOPLE["pharm.a"][2]),
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert not out.exists()


def test_bag_label_needs_its_own_day_and_a_preparation_or_a_time(
    in_process: CliRunner, db: str, tmp_path: Path
) -> None:
    out = tmp_path / "d1.pdf"
    # Cycle 2 Day 8 of the demo patient is not planned for today: no bag for it today.
    other_day = ("--db", str(db), "bag-label", "--mrn", MRN, "--cycle", "2", "--day", "8")
    refused = in_process(
        *other_day, "--out", str(out), "--user", "tech.t", extra_env=_as(PEOPLE["tech.t"][2])
    )
    assert refused.returncode == 1
    assert refused.stderr.startswith("ino-desk: refused: NOT_THE_DOSE_DAY (PI 2.4): ")
    plan_today(in_process, db)
    common = ("--db", str(db), "bag-label", "--mrn", TODAY_MRN, "--cycle", "1", "--day", "1")
    refused = in_process(
        *common, "--out", str(out), "--user", "tech.t", extra_env=_as(PEOPLE["tech.t"][2])
    )
    assert refused.returncode == 1
    assert "no preparation is recorded for Day 1" in refused.stderr
    assert not out.exists()
    # a local clock time 30 minutes ago: dilute by +4 h, complete by +8 h
    at = (datetime.now().astimezone() - timedelta(minutes=30)).replace(second=0, microsecond=0)
    result = in_process(
        *common, "--out", str(out), "--user", "tech.t", "--reconstituted-at", at.isoformat(),
        extra_env=_as(PEOPLE["tech.t"][2]),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = _text(out)
    assert f"{(at + timedelta(hours=4)).astimezone():%H:%M}" in text
    assert f"{(at + timedelta(hours=8)).astimezone():%H:%M}" in text
    assert "Cycle 1 Day 1" in text
    assert _issued(db) == [("bag-label", "tech.t", 0)]


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_bag_label_of_an_unrecorded_preparation_takes_dilution_and_storage(
    in_process: CliRunner, db: str, tmp_path: Path
) -> None:
    plan_today(in_process, db)
    out = tmp_path / "d1.pdf"
    common = (
        "--db", str(db), "bag-label", "--mrn", TODAY_MRN, "--cycle", "1", "--day", "1",
        "--out", str(out), "--user", "tech.t",
    )  # fmt: skip
    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    # reconstituted 3 h 20 min ago, diluted 3 h 10 min ago and refrigerated: start by
    # dilution + 3 h, which was 10 minutes ago: refused, naming the bag's own limit
    late = (
        "--reconstituted-at", (now - timedelta(hours=3, minutes=20)).isoformat(),
        "--diluted-at", (now - timedelta(hours=3, minutes=10)).isoformat(),
    )  # fmt: skip
    refused = in_process(
        *common, *late, "--diluted-storage", "refrigerated", extra_env=_as(PEOPLE["tech.t"][2])
    )
    assert refused.returncode == 1
    assert "refused: Diluted bag kept refrigerated: more than 3 hours" in refused.stderr
    assert not out.exists()
    # the same bag kept at room temperature has 4 h: start by dilution + 4 h, 50 min from now
    result = in_process(
        *common, *late, "--diluted-storage", "room", extra_env=_as(PEOPLE["tech.t"][2])
    )
    assert result.returncode == 0, result.stderr
    text = _text(out)
    start_by = now - timedelta(hours=3, minutes=10) + timedelta(hours=4)
    assert re.search(f"Start infusion by [A-Z][a-z]{{2}} {start_by:%Y-%m-%d %H:%M}", text)
    assert "Store diluted bag: room temperature 20–25 °C, use within 4 h" in text


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_issuing_needs_the_users_own_password_and_the_right(
    in_process: CliRunner, db: str, tmp_path: Path
) -> None:
    out = tmp_path / "c2.pdf"
    common = ("--db", str(db), "order-sheet", "--mrn", MRN, "--cycle", "2", "--out", str(out))
    wrong = in_process(*common, "--user", "pharm.a", extra_env=_as(PEOPLE["pharm.b"][2]))
    assert wrong.returncode == 1
    assert wrong.stderr.startswith("refused: ")
    assert "password" in wrong.stderr
    none = in_process(*common, "--user", "pharm.a")  # no terminal and no INO_DESK_PASSWORD
    assert none.returncode == 2
    assert "INO_DESK_PASSWORD" in none.stderr
    assert _issued(db) == []
    assert PEOPLE["pharm.b"][2] not in wrong.stderr + wrong.stdout


def test_missing_database_is_a_database_error(run_cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = run_cli(
        "--db",
        str(tmp_path / "none.sqlite3"),
        "order-sheet",
        "--mrn",
        MRN,
        "--cycle",
        "1",
        "--out",
        str(out),
        "--user",
        "pharm.a",
    )
    assert result.returncode == 4
    assert "There is no database" in result.stderr
    assert not (tmp_path / "none.sqlite3").exists()
