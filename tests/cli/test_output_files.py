"""Issue #14: an output file never lands on the database, a backup or an existing file, and
a refused command leaves no file. In-process on real SQLite files; the documents recorded in
the database (the last two tests) on a PostgreSQL server database too. The others are about
the database's own file, its side files and its backups, which a server database does not
have: they ask for the SQLite `db` only."""

from __future__ import annotations

import hashlib
import os
import stat
from typing import TYPE_CHECKING

import pytest

from tests.cli.inprocess import ADMIN_PW, PEOPLE, InProcessCli, cli
from tests.cli.staffed import staffed_demo
from tests.engines import engine, pg_server, pg_template, prepared, pytest_generate_tests

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = [
    "cli",
    "engine",
    "pg_server",
    "pg_template",
    "prepared",
    "pytest_generate_tests",
    "staffed_demo",
]

MRN = "DEMO0000001"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


@pytest.fixture
def db(cli: InProcessCli, tmp_path: Path) -> Path:
    path = tmp_path / "live.sqlite3"
    cli.staffed_demo(path)
    return path


@pytest.fixture
def recorded(staffed_demo: Callable[[int], str]) -> str:
    """The staffed demo on either engine (documents are recorded in the database)."""
    return staffed_demo(3)


def test_demo_order_sheet_is_never_written_over_the_live_database(
    cli: InProcessCli, db: Path
) -> None:
    before = _digest(db)
    for extra in ((), ("--force",)):
        done = cli(
            "--db", str(db), "order-sheet", "--demo", "--cycle", "1", "--out", str(db), *extra
        )
        assert done.code == 2, done.err
        assert done.err.startswith("ino-desk: error: --out: ")
        assert "is the database" in done.err
        assert done.err.count("\n") == 1
    assert _digest(db) == before
    assert _leftovers(db.parent) == []
    assert cli("--db", str(db), "db", "check").code == 0


def test_the_databases_side_files_are_refused_too(cli: InProcessCli, db: Path) -> None:
    wal = db.with_name(db.name + "-wal")
    done = cli("--db", str(db), "bag-label", "--demo", "--cycle", "1", "--day", "8",
               "--out", str(wal), "--force")  # fmt: skip
    assert done.code == 2
    assert "is the database" in done.err


def test_a_backup_is_never_overwritten_even_with_force(
    cli: InProcessCli, db: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "copy.sqlite3"
    done = cli("--db", str(db), "db", "backup", str(backup), "--user", "admin", password=ADMIN_PW)
    assert done.code == 0, done.err
    before = _digest(backup)
    for command in (
        ("order-sheet", "--demo", "--cycle", "1"),
        ("bag-label", "--demo", "--cycle", "1", "--day", "8"),
    ):
        for extra in ((), ("--force",)):
            done = cli("--db", str(db), *command, "--out", str(backup), *extra)
            assert done.code == 2, done.err
            assert "holds a database or a backup" in done.err
    assert _digest(backup) == before


def test_an_existing_file_needs_force_then_is_replaced_owner_only(
    cli: InProcessCli, db: Path, tmp_path: Path
) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "c1.pdf"
        target.write_text("someone else's file")
        refused = cli(
            "--db", str(db), "order-sheet", "--demo", "--cycle", "1", "--out", str(target)
        )
        assert refused.code == 2
        assert "already exists" in refused.err
        assert "--force" in refused.err
        assert target.read_text() == "someone else's file"
        forced = cli("--db", str(db), "order-sheet", "--demo", "--cycle", "1",
                     "--out", str(target), "--force")  # fmt: skip
        assert forced.code == 0, forced.err
        assert target.read_bytes().startswith(b"%PDF")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert _leftovers(tmp_path) == []
    finally:
        os.umask(old)


def test_a_missing_folder_or_a_folder_as_out_is_bad_input(
    cli: InProcessCli, db: Path, tmp_path: Path
) -> None:
    for out in (tmp_path / "nowhere" / "c1.pdf", tmp_path):
        done = cli("--db", str(db), "order-sheet", "--demo", "--cycle", "1", "--out", str(out))
        assert done.code == 2, done.err
        assert done.err.count("\n") == 1


@pytest.mark.parametrize(
    "command",
    [
        ("order-sheet", "--mrn", MRN, "--cycle", "2"),
        ("bag-label", "--mrn", MRN, "--cycle", "2", "--day", "8"),
    ],
)
def test_a_read_only_users_refused_document_leaves_no_file(
    cli: InProcessCli, recorded: str, tmp_path: Path, command: tuple[str, ...]
) -> None:
    out = tmp_path / "doc.pdf"
    done = cli("--db", recorded, *command, "--out", str(out), "--user", "nurse.n",
               password=PEOPLE["nurse.n"][2])  # fmt: skip
    assert done.code == 1
    assert done.err.startswith("refused: ")
    assert not out.exists()
    assert _leftovers(tmp_path) == []
    assert done.out == ""


def test_a_pharmacists_document_is_written_owner_only_and_recorded(
    cli: InProcessCli, recorded: str, tmp_path: Path
) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "c2.pdf"
        issue = ("--db", recorded, "order-sheet", "--mrn", MRN, "--cycle", "2", "--out", str(out))
        done = cli(*issue, "--user", "pharm.a", password=PEOPLE["pharm.a"][2])
        assert done.code == 0, done.err
        assert "recorded as original" in done.out
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        again = cli(*issue, "--user", "pharm.a", password=PEOPLE["pharm.a"][2])
        assert again.code == 2  # exists: checked before the password is even asked
        assert ADMIN_PW not in again.err
    finally:
        os.umask(old)
