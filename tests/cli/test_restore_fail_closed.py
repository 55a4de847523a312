"""Issue #14: `db restore` never replaces a database whose users it could not check."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.sqlite import sqlite_engine
from tests.cli.inprocess import ADMIN_PW, InProcessCli, cli

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = ["cli"]
# Restoring a SQLite file from a file backup (refused on a server database).
pytestmark = pytest.mark.sqlite_only


def _users(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM users").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def live(cli: InProcessCli, tmp_path: Path) -> Path:
    path = tmp_path / "live.sqlite3"
    cli.staffed_demo(path, patients=1)
    return path


@pytest.fixture
def empty_backup(cli: InProcessCli, tmp_path: Path) -> Path:
    """A checked backup of a database without users: restoring it would let anyone in."""
    other = tmp_path / "other.sqlite3"
    assert cli("--db", str(other), "demo", "--patients", "1").code == 0
    copy = tmp_path / "no-users.sqlite3"
    assert cli("--db", str(other), "db", "backup", str(copy)).code == 0
    return copy


def _held_exclusively(path: Path) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA locking_mode = EXCLUSIVE")
    con.execute("BEGIN EXCLUSIVE")
    con.execute("UPDATE users SET id = id WHERE 0")
    try:
        yield con
    finally:
        con.execute("ROLLBACK")
        con.close()


def test_a_busy_database_is_not_restored_with_a_wrong_password(
    cli: InProcessCli, live: Path, empty_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_engine, "BUSY_TIMEOUT_MS", 200)  # fail fast while it is held
    before = _users(live)
    assert before == 3
    lock = _held_exclusively(live)
    next(lock)
    try:
        done = cli("--db", str(live), "db", "restore", str(empty_backup), "--user", "admin",
                   password="wrong-password")  # fmt: skip
    finally:
        lock.close()
    assert done.code == 4
    assert done.err.count("\n") == 1
    assert "cannot be checked for its users" in done.err
    assert done.out == ""
    assert _users(live) == before
    assert not list(live.parent.glob("live.sqlite3.before-restore-*"))
    # Once free, the administrator restores it as before.
    ok = cli("--db", str(live), "db", "restore", str(empty_backup), "--user", "admin",
             password=ADMIN_PW)  # fmt: skip
    assert ok.code == 0, ok.err
    assert _users(live) == 0


def test_a_file_that_is_not_a_database_holds_no_users_and_is_replaced(
    cli: InProcessCli, live: Path, empty_backup: Path
) -> None:
    live.write_bytes(b"%PDF-1.4 overwritten by mistake")
    for side in live.parent.glob("live.sqlite3-*"):
        side.unlink()
    done = cli("--db", str(live), "db", "restore", str(empty_backup))
    assert done.code == 0, done.err
    assert "holds no records" in done.out


def test_a_damaged_database_is_not_replaced_without_a_sign_in(
    cli: InProcessCli, live: Path, empty_backup: Path
) -> None:
    data = bytearray(live.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # header intact, schema page destroyed
    live.write_bytes(bytes(data))
    done = cli("--db", str(live), "db", "restore", str(empty_backup), "--user", "admin",
               password="wrong-password")  # fmt: skip
    assert done.code == 4
    assert "cannot be checked for its users" in done.err
    assert live.read_bytes() == bytes(data)
