"""Encrypted backups (issue 14): a site passphrase, AES-GCM files, restore asks for it."""

from __future__ import annotations

import json
import sqlite3
import stat
import struct
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.backups import backup_crypto
from ino_desk.persistence.backups.backup import backup_to_folder
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.safe_files import ENCRYPTED_BACKUP_MAGIC, SQLITE_HEADER
from tests.cli.inprocess import ADMIN_PW, PEOPLE, InProcessCli, cli
from tests.cli.staffed import staffed_demo
from tests.engines import engine, pg_server, pg_template, prepared, pytest_generate_tests

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
# Encrypted copies of the SQLite file (a server is backed up by pg_dump).
pytestmark = pytest.mark.sqlite_only

PASSPHRASE = "blue heron at the river 42"
ADMIN = ("--user", "admin")


def _patients(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM patients").fetchone()[0])
    finally:
        con.close()


# scrypt at the product's N (2^17) costs about 0.3 s a run. Like tests/people.py
# cheap_passwords, most tests set the passphrase at a small N, recorded in the key and each
# file's header as always, and let this process read that N (a monkeypatch, not a setting:
# the product has no way to lower it); the production cost is tested end to end below.
TEST_N = 1 << 10


@pytest.fixture
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_crypto, "SCRYPT_N", TEST_N)
    monkeypatch.setattr(
        backup_crypto, "SCRYPT_N_LIMITS", (TEST_N, backup_crypto.SCRYPT_N_LIMITS[1])
    )


def _header_n(backup: Path) -> int:
    data = backup.read_bytes()
    start = len(ENCRYPTED_BACKUP_MAGIC)
    (size,) = struct.unpack(">I", data[start : start + 4])
    return int(json.loads(data[start + 4 : start + 4 + size])["n"])


def _with_passphrase(
    cli: InProcessCli, staffed_demo: Callable[[int], str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    db = Path(staffed_demo(3))
    monkeypatch.setenv("INO_DESK_NEW_BACKUP_PASSPHRASE", PASSPHRASE)
    done = cli("--db", str(db), "db", "passphrase", *ADMIN, "--reason", "site policy",
               password=ADMIN_PW)  # fmt: skip
    assert done.code == 0, done.err
    return db


@pytest.fixture
def desk(
    cli: InProcessCli,
    staffed_demo: Callable[[int], str],
    monkeypatch: pytest.MonkeyPatch,
    cheap_scrypt: None,
) -> Path:
    return _with_passphrase(cli, staffed_demo, monkeypatch)


@pytest.fixture
def production_desk(
    cli: InProcessCli, staffed_demo: Callable[[int], str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The passphrase set at the product's own scrypt cost."""
    return _with_passphrase(cli, staffed_demo, monkeypatch)


def _backup(cli: InProcessCli, db: Path, dest: Path) -> None:
    done = cli("--db", str(db), "db", "backup", str(dest), *ADMIN, password=ADMIN_PW)
    assert done.code == 0, done.err


def _restore(
    cli: InProcessCli, db: Path, source: Path, monkeypatch: pytest.MonkeyPatch, secret: str
) -> tuple[int, str]:
    monkeypatch.setenv("INO_DESK_BACKUP_PASSPHRASE", secret)
    done = cli("--db", str(db), "db", "restore", str(source), *ADMIN, password=ADMIN_PW)
    return done.code, done.err


def test_only_an_administrator_sets_it_and_only_a_verifier_is_stored(
    cli: InProcessCli, desk: Path
) -> None:
    pharmacist = ("--user", "pharm.a")
    done = cli("--db", str(desk), "db", "passphrase", *pharmacist, "--reason", "x",
               password=PEOPLE["pharm.a"][2])  # fmt: skip
    assert done.code == 1
    assert "may not change site settings" in done.err
    raw = desk.read_bytes()
    assert PASSPHRASE.encode() not in raw
    con = sqlite3.connect(desk)
    try:
        (key,) = con.execute("SELECT backup_key FROM site_settings").fetchone()
    finally:
        con.close()
    assert PASSPHRASE not in key
    assert '"wrapped_key"' in key


def test_a_short_passphrase_is_bad_input(
    cli: InProcessCli, desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INO_DESK_NEW_BACKUP_PASSPHRASE", "short")
    done = cli("--db", str(desk), "db", "passphrase", *ADMIN, "--reason", "x", password=ADMIN_PW)
    assert done.code == 2
    assert "backup passphrase: allowed 12 to 1024 characters" in done.err


def test_backup_is_encrypted_owner_only_and_restores_with_the_passphrase(
    cli: InProcessCli, production_desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = production_desk
    backup = tmp_path / "sealed.backup"
    _backup(cli, desk, backup)
    assert _header_n(backup) == 1 << 17  # the product's cost, recorded in the file
    data = backup.read_bytes()
    assert data.startswith(ENCRYPTED_BACKUP_MAGIC)
    assert SQLITE_HEADER not in data
    assert b"DEMO0000001" not in data
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    before = _patients(desk)
    desk.unlink()  # the workstation lost its database
    code, err = _restore(cli, desk, backup, monkeypatch, PASSPHRASE)
    assert code == 0, err
    assert _patients(desk) == before
    assert stat.S_IMODE(desk.stat().st_mode) == 0o600


@pytest.mark.parametrize("damage", ["wrong passphrase", "flipped byte", "cut short", "extra"])
def test_a_wrong_passphrase_or_a_changed_file_is_refused_leaving_nothing(
    cli: InProcessCli, desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    backup = tmp_path / "sealed.backup"
    _backup(cli, desk, backup)
    assert _header_n(backup) == TEST_N  # the cost used is the one the file records
    data = bytearray(backup.read_bytes())
    secret = PASSPHRASE
    if damage == "wrong passphrase":
        secret = "not the passphrase at all"
    elif damage == "flipped byte":
        data[len(data) // 2] ^= 0x01
    elif damage == "cut short":
        del data[-1000:]
    else:
        data += b"\0" * 10
    backup.write_bytes(bytes(data))
    folder = sorted(p.name for p in desk.parent.iterdir())
    patients = _patients(desk)
    code, err = _restore(cli, desk, backup, monkeypatch, secret)
    assert code == 1
    assert err.count("\n") == 1
    expected = "does not open" if damage == "wrong passphrase" else "cannot be restored"
    assert expected in err
    assert "Nothing was changed" in err
    assert _patients(desk) == patients  # the database stayed (only the sign-in was recorded)
    assert sorted(p.name for p in desk.parent.iterdir()) == folder  # no partial file left


def test_a_plain_backup_from_before_still_restores(
    cli: InProcessCli,
    staffed_demo: Callable[[int], str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cheap_scrypt: None,
) -> None:
    db = Path(staffed_demo(3))
    plain = tmp_path / "plain.sqlite3"
    _backup(cli, db, plain)
    assert plain.read_bytes().startswith(SQLITE_HEADER)
    monkeypatch.setenv("INO_DESK_NEW_BACKUP_PASSPHRASE", PASSPHRASE)
    done = cli("--db", str(db), "db", "passphrase", *ADMIN, "--reason", "policy",
               password=ADMIN_PW)  # fmt: skip
    assert done.code == 0
    monkeypatch.delenv("INO_DESK_BACKUP_PASSPHRASE", raising=False)
    done = cli("--db", str(db), "db", "restore", str(plain), *ADMIN, password=ADMIN_PW)
    assert done.code == 0, done.err


def test_rolling_backups_are_encrypted_too(desk: Path, tmp_path: Path) -> None:
    database = open_database(desk)
    try:
        made = backup_to_folder(database, tmp_path / "rolling", "start", keep=3)
    finally:
        database.close()
    assert made.read_bytes().startswith(ENCRYPTED_BACKUP_MAGIC)
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
