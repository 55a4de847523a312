"""Issue #14: a full disk is named as such, and as the right disk; never "no permission".

Faults are injected at the OS boundary (the page copy, fsync); where this machine lets the
test mount a tiny tmpfs (root), the same happens for real on a full file system.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import subprocess
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.backups import backup as backup_module
from ino_desk.persistence.backups import daily_backup
from ino_desk.persistence.backups.backup import backup_to, backup_to_folder, restore
from ino_desk.services.store_errors import StoreError
from tests.cli.inprocess import cli, run_cli_in_process
from tests.persistence.factories import file_digest

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from ino_desk.persistence.sqlite.sqlite_engine import Database
    from tests.conftest import CliRunner


__all__ = ["cli", "run_cli_in_process"]  # the real commands, in this process (cheap hashes)
# About the SQLite file itself (its bytes, its backups): not run on a server database.
pytestmark = pytest.mark.sqlite_only


def _sqlite_full(*_args: object) -> None:
    exc = sqlite3.OperationalError("database or disk is full")
    exc.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
    raise exc


def _no_space(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _over_quota(*_args: object) -> None:
    raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))


def _nothing_partial(*folders: Path) -> None:
    for folder in folders:
        assert not [
            p.name for p in folder.iterdir() if ".partial" in p.name or "restoring" in p.name
        ]


@pytest.mark.parametrize(
    ("where", "fault"),
    [("_pages", _sqlite_full), ("_fsync", _no_space), ("_fsync", _over_quota)],
    ids=["sqlite-full", "enospc", "edquot"],
)
def test_a_full_backup_disk_is_named_as_the_backup_folders(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, fault: object
) -> None:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    if where == "_fsync":
        monkeypatch.setattr(backup_module.os, "fsync", fault)
    else:
        monkeypatch.setattr(backup_module, where, fault)
    with pytest.raises(StoreError) as caught:
        backup_to(database, folder / "b.sqlite3")
    message = caught.value.message
    assert message.startswith(f"The backup folder's disk ({folder}) is full")
    assert "no permission" not in message
    assert "holding the database" not in message
    _nothing_partial(folder)


def test_a_full_disk_during_the_daily_backup_is_a_warning_naming_the_backup_folder(
    database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = database.path
    database.close()
    backups = tmp_path / "backups"
    monkeypatch.setattr(daily_backup.os, "fsync", _no_space)
    with pytest.raises(StoreError) as caught:
        daily_backup.take_daily_backup(path, backups)
    assert f"The backup folder's disk ({backups}) is full" in caught.value.message
    caplog.set_level("WARNING", logger="ino_desk")
    daily_backup.backup_after_start(path, backups)  # on the desktop: a warning, not a crash
    assert f"The backup folder's disk ({backups}) is full" in caplog.text
    _nothing_partial(backups, path.parent)
    assert daily_backup.daily_backups(backups) == []


def test_a_full_disk_while_restoring_is_the_databases_and_changes_nothing(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = backup_to(database, tmp_path / "copy.sqlite3")
    path = database.path
    database.close()
    before = file_digest(path)
    monkeypatch.setattr(backup_module.os, "fsync", _no_space)
    with pytest.raises(StoreError) as caught:
        restore(copy, path)
    assert caught.value.message.startswith(
        f"The disk holding the database is full (folder {path.parent})"
    )
    assert file_digest(path) == before
    _nothing_partial(path.parent)


def test_backup_to_folder_reports_a_full_disk_creating_the_folder(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_module, "private_folder", _no_space)
    with pytest.raises(StoreError, match=r"The backup folder's disk \(.*\) is full"):
        backup_to_folder(database, tmp_path / "new-folder", "start", 3)


@contextlib.contextmanager
def tiny_disk(where: Path, size: str = "1m") -> Iterator[Path]:
    """A real file system of `size`, when this machine allows mounting one (root)."""
    where.mkdir()
    mount = shutil.which("mount")
    if os.name != "posix" or os.geteuid() != 0 or mount is None:
        pytest.skip("mounting a tiny tmpfs needs root")
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(folder: Path) -> None:
    with contextlib.suppress(OSError), (folder / "filler").open("wb", buffering=0) as f:
        while True:
            f.write(b"\0" * 1024)


def test_for_real_a_full_backup_disk_and_a_full_database_disk(
    run_cli_in_process: CliRunner, tmp_path: Path
) -> None:
    with tiny_disk(tmp_path / "tiny") as tiny:
        live = tmp_path / "live.sqlite3"
        assert run_cli_in_process("--db", str(live), "demo", "--patients", "2").returncode == 0
        _fill(tiny)
        full_backup = run_cli_in_process("--db", str(live), "db", "backup", str(tiny / "b.sqlite3"))
        assert full_backup.returncode == 4, full_backup
        assert f"The backup folder's disk ({tiny}) is full" in full_backup.stderr
        assert sorted(p.name for p in tiny.iterdir()) == ["filler"]
        (tiny / "filler").unlink()

        on_tiny = tiny / "desk.sqlite3"
        assert run_cli_in_process("--db", str(on_tiny), "demo", "--patients", "2").returncode == 0
        _fill(tiny)
        before = file_digest(on_tiny)
        for argv in (("db", "check"), ("audit", "verify")):  # read a private copy elsewhere
            read = run_cli_in_process("--db", str(on_tiny), *argv)
            assert read.returncode == 0, read
        write = run_cli_in_process(
            "--db", str(on_tiny), "users", "create-admin", "admin", "--full-name", "A Admin",
            extra_env={"INO_DESK_NEW_PASSWORD": "admin-passphrase-1"},
        )  # fmt: skip
        assert write.returncode == 4, write
        assert f"The disk holding the database is full (folder {tiny})" in write.stderr
        assert "no permission" not in write.stderr
        assert file_digest(on_tiny) == before
