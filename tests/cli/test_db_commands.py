"""`ino-desk db`, `audit verify` and `demo` through the real entry point.

Most tests call `app.main` in this process (`in_process`: cheap password hashes, no
interpreter start per command); the bad `--patients` values and the missing database run the
installed entry point in child processes, end to end.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

from tests.cli.inprocess import cli
from tests.cli.test_users_and_signing import ADMIN_PW, PEOPLE, _as, _staffed, in_process

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import CliRunner

__all__ = ["cli", "in_process"]
# The file's own commands: demo into a new file, the file changed behind the app's back,
# file backups and restore (the server's are tests/cli/test_server_database.py).
pytestmark = pytest.mark.sqlite_only


def _demo(run_cli: CliRunner, path: Path, patients: int = 12) -> None:
    result = run_cli("--db", str(path), "demo", "--patients", str(patients))
    assert result.returncode == 0, result.stderr
    assert f"added {patients} fictional demo patients" in result.stdout


def test_demo_then_check_and_verify_pass(in_process: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    _demo(in_process, path)
    check = in_process("--db", str(path), "db", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    for line in ("integrity: ok", "foreign keys: ok", "schema: ok", "audit trail: ok"):
        assert line in check.stdout
    verify = in_process("--db", str(path), "audit", "verify")
    assert verify.returncode == 0
    assert verify.stdout.startswith("audit trail intact:")
    con = sqlite3.connect(path)
    names = con.execute("SELECT mrn, diagnosis FROM patients").fetchall()
    con.close()
    assert len(names) == 12
    assert all(mrn.startswith("DEMO") and diagnosis.startswith("DEMO") for mrn, diagnosis in names)


def test_demo_refuses_a_database_with_patients(in_process: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    _demo(in_process, path, 2)
    again = in_process("--db", str(path), "demo", "--patients", "2")
    assert again.returncode == 2
    assert "already holds patient records" in again.stderr


def test_demo_patients_flag_is_checked(run_cli: CliRunner, tmp_path: Path) -> None:
    for bad in ("0", "-3", "many", "1000001"):
        result = run_cli("--db", str(tmp_path / "x.sqlite3"), "demo", "--patients", bad)
        assert result.returncode == 2
        assert result.stderr.startswith("ino-desk: error: --patients:")
        assert result.stdout == ""
    assert not (tmp_path / "x.sqlite3").exists()


def test_tampered_row_fails_verify_and_check_naming_it(
    in_process: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite3"
    _demo(in_process, path, 3)
    con = sqlite3.connect(path)
    dose_id = con.execute("SELECT min(id) FROM dose_days").fetchone()[0]
    con.execute("UPDATE dose_days SET dose_mg = '2.5' WHERE id = ?", (dose_id,))
    con.commit()
    con.close()
    verify = in_process("--db", str(path), "audit", "verify")
    assert verify.returncode == 1
    assert verify.stdout.startswith(f"audit trail BROKEN: dose_days row {dose_id} differs")
    check = in_process("--db", str(path), "db", "check")
    assert check.returncode == 1
    assert "audit trail: FAILED" in check.stdout


def test_backup_and_restore(in_process: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "live.sqlite3"
    _demo(in_process, path, 4)
    copy = tmp_path / "copy.sqlite3"
    backup = in_process("--db", str(path), "db", "backup", str(copy))
    assert backup.returncode == 0
    assert backup.stdout.startswith(f"backup written to {copy}")
    again = in_process("--db", str(path), "db", "backup", str(copy))
    assert again.returncode == 2  # bad input, refused before the database is opened
    assert "holds a database or a backup" in again.stderr
    con = sqlite3.connect(path)
    con.execute("DELETE FROM audit_events WHERE seq = 1")
    con.commit()
    con.close()
    assert in_process("--db", str(path), "audit", "verify").returncode == 1
    restore = in_process("--db", str(path), "db", "restore", str(copy))
    assert restore.returncode == 0, restore.stderr
    assert "the previous database was kept as" in restore.stdout
    assert in_process("--db", str(path), "audit", "verify").returncode == 0


def test_check_of_a_missing_database(run_cli: CliRunner, tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path / "none.sqlite3"), "db", "check")
    assert result.returncode == 4
    assert "There is no database at" in result.stderr
    assert not (tmp_path / "none.sqlite3").exists()


def test_database_location_from_environment_then_data_folder(
    in_process: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("INO_DESK_DB", str(chosen))
    _demo(in_process, chosen, 1)
    assert in_process("demo", "--patients", "1").returncode == 2  # same file: not empty any more
    monkeypatch.delenv("INO_DESK_DB")
    default = in_process("demo", "--patients", "1")
    assert default.returncode == 0
    # the in-process runner points XDG_DATA_HOME at tmp_path/home/data
    assert (tmp_path / "home" / "data" / "ino-desk" / "ino-desk.sqlite3").is_file()


def test_restore_of_a_database_with_users_needs_an_administrator(
    in_process: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "live.sqlite3"
    _demo(in_process, path, 2)
    _staffed(in_process, path)
    copy = tmp_path / "copy.sqlite3"
    backup = ("--db", str(path), "db", "backup", str(copy))
    # A backup takes every record out: once there are users, it is a signed-in, recorded act.
    assert in_process(*backup).returncode == 2
    done = in_process(*backup, "--user", "pharm.a", extra_env=_as(PEOPLE["pharm.a"][2]))
    assert done.returncode == 0, done.stderr
    restore = ("--db", str(path), "db", "restore", str(copy))
    nobody = in_process(*restore)
    assert nobody.returncode == 2
    assert "--user: an administrator restores" in nobody.stderr
    pharmacist = in_process(*restore, "--user", "pharm.a", extra_env=_as(PEOPLE["pharm.a"][2]))
    assert pharmacist.returncode == 1
    assert "may not restore the database from a backup" in pharmacist.stderr
    wrong = in_process(*restore, "--user", "admin", extra_env=_as("not-the-password"))
    assert wrong.returncode == 1
    assert not list(tmp_path.glob("live.sqlite3.*"))  # nothing was set aside or replaced
    done = in_process(*restore, "--user", "admin", extra_env=_as(ADMIN_PW))
    assert done.returncode == 0, done.stderr
    assert "the previous database was kept as" in done.stdout
