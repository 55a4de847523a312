"""Issue #14: a new database appears complete or not at all; an empty file is reported plainly."""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence import migrate
from ino_desk.persistence.backups.backup import backup_to_folder
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.services.store_errors import StoreUnavailableError
from tests.persistence.writers import fork_child

if TYPE_CHECKING:
    from pathlib import Path


def _killed_while_creating(path: Path) -> None:
    real_upgrade = migrate.upgrade

    def upgrade_then_die(conn: object, target: str = "head") -> None:
        real_upgrade(conn, target)  # type: ignore[arg-type]
        os.kill(os.getpid(), signal.SIGKILL)  # schema written, not yet committed or renamed

    migrate.upgrade = upgrade_then_die  # type: ignore[assignment] - in the child only
    open_database(path)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_kill_while_creating_leaves_no_database_file(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    pid = fork_child(lambda: _killed_while_creating(path))
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    assert os.WTERMSIG(status) == signal.SIGKILL
    assert not path.exists()  # no empty file that blocks the next start
    db = open_database(path)  # the next start simply creates it
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        db.close()
    # What the killed process was building is named as ours and hidden; nothing else is left.
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "desk.sqlite3"
    ]


def test_a_failed_creation_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "desk.sqlite3"

    def broken(conn: object, target: str = "head") -> None:
        raise RuntimeError("simulated failure while creating")

    monkeypatch.setattr(migrate, "upgrade", broken)
    with pytest.raises(RuntimeError):
        open_database(path)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_is_reported_plainly_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(StoreUnavailableError) as refused:
        open_database(path, backups_dir=tmp_path / "backups")
    message = refused.value.message
    assert "is empty (0 bytes)" in message
    assert "There is no backup" in message
    assert "db restore" not in message  # no advice to restore a backup that does not exist
    assert "\n" not in message
    assert path.read_bytes() == b""


def test_an_empty_file_with_backups_names_the_newest(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    backups = tmp_path / "backups"
    db = open_database(other)
    try:
        backup_to_folder(db, backups, "start", keep=5)
        newest = backup_to_folder(db, backups, "start", keep=5)
    finally:
        db.close()
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(StoreUnavailableError, match="restore the newest backup") as refused:
        open_database(path, backups_dir=backups)
    assert str(newest) in refused.value.message
