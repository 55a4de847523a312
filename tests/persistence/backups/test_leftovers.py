"""Issue #14: what killed backups, restores, creations and checks leave is cleaned at the
next start, only when provably abandoned; a restore needs at most twice the database's size;
copies kept before a restore are rotated."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.admin import SqlDatabaseAdmin
from ino_desk.persistence.backups import backup as backup_module
from ino_desk.persistence.backups.backup import backup_to, backup_to_folder, restore
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.sqlite.leftovers import KEEP_BEFORE_RESTORE, LEGACY_AGE_S
from tests.persistence.writers import fork_child

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules


def _gone_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def _demo(path: Path, rules: ClinicalRules, patients: int = 3) -> None:
    SqlDatabaseAdmin(path, path.parent / "unused-backups").fill_demo(rules, patients, 1)


def _killed_during(path: Path, where: str, work: Callable[[], object]) -> None:
    """Run `work` in a child that is killed (SIGKILL) as it reaches backup.`where`."""

    def child() -> None:
        real = getattr(backup_module, where)

        def then_die(*args: object, **kwargs: object) -> object:
            real(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
            return None

        setattr(backup_module, where, then_die)  # in the child only
        work()

    pid = fork_child(child)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_killed_backup_restore_and_creation_leave_files_the_next_start_removes(
    tmp_path: Path, rules: ClinicalRules
) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    path, backups = folder / "desk.sqlite3", folder / "desk.sqlite3-backups"
    _demo(path, rules)
    db = open_database(path)
    good = backup_to_folder(db, backups, "manual", 10)
    db.close()

    def backing_up() -> None:
        backup_to_folder(open_database(path), backups, "start", 10)

    _killed_during(path, "_pages", backing_up)
    _killed_during(path, "_pages", lambda: restore(good, path))
    _killed_during(path, "_keep_aside", lambda: restore(good, path))
    left = sorted(p.name for p in [*folder.iterdir(), *backups.iterdir()])
    assert any(".partial-" in n for n in left), left
    assert any(".restoring-" in n for n in left), left
    db = open_database(path, backups_dir=backups)  # the next start
    db.close()
    names = sorted(p.name for p in folder.iterdir())
    assert names[:2] == ["desk.sqlite3", "desk.sqlite3-backups"]
    # Killed after setting the database aside: that name is the live file's (no extra space),
    # a copy kept before a restore, rotated with the others.
    assert len(names) == 3
    assert names[2].startswith("desk.sqlite3.before-restore-")
    assert (folder / names[2]).stat().st_ino == path.stat().st_ino
    assert [p.name for p in backups.glob("*.sqlite3*") if "partial" in p.name] == []
    assert good.exists()


def test_only_provably_abandoned_files_are_removed(tmp_path: Path, rules: ClinicalRules) -> None:
    folder, backups = tmp_path / "desk", tmp_path / "desk" / "desk.sqlite3-backups"
    backups.mkdir(parents=True)
    path = folder / "desk.sqlite3"
    _demo(path, rules)
    gone = _gone_pid()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    old = time.time() - LEGACY_AGE_S - 60
    abandoned = [
        folder / f".desk.sqlite3.creating-{gone}",
        folder / f".desk.sqlite3.creating-{gone}-journal",
        folder / f"desk.sqlite3.restoring-{gone}",
        folder / f"desk.sqlite3.restoring-{gone}.partial-{gone}-wal",
        backups / f"ino-desk-20260101T000000000000Z-start.sqlite3.partial-{gone}",
        folder / "desk.sqlite3.restoring",  # an older ino-desk's, untouched for over an hour
    ]
    kept = [
        folder / f".desk.sqlite3.creating-{alive.pid}",  # still being built
        backups / f"ino-desk-20260101T000000000000Z-start.sqlite3.partial-{alive.pid}",
        folder / "desk.sqlite3.restoring.partial",  # an older ino-desk's, written just now
        folder / f"notes.partial-{gone}",  # not a name ino-desk gives beside this database
        backups / "ino-desk-20260101T000000000000Z-start.sqlite3",  # a complete backup
    ]
    for file in abandoned + kept:
        file.write_bytes(b"x")
    os.utime(folder / "desk.sqlite3.restoring", (old, old))
    check_dir = tempfile.mkdtemp(prefix=f"ino-desk-check-{gone}-")
    live_check = tempfile.mkdtemp(prefix=f"ino-desk-check-{alive.pid}-")
    try:
        open_database(path, backups_dir=backups).close()
        assert [f.name for f in abandoned if f.exists()] == []
        assert [f.name for f in kept if not f.exists()] == []
        assert path.is_file()
        assert not os.path.exists(check_dir)
        assert os.path.isdir(live_check)
    finally:
        alive.kill()
        alive.wait()
        os.rmdir(live_check)


def test_a_reused_process_id_does_not_keep_a_leftover(tmp_path: Path, rules: ClinicalRules) -> None:
    if not os.path.exists("/proc/self/stat"):
        pytest.skip("process start times are read from /proc")
    path = tmp_path / "desk.sqlite3"
    _demo(path, rules)
    leftover = tmp_path / f".desk.sqlite3.creating-{os.getppid()}"
    leftover.write_bytes(b"x")
    long_ago = time.time() - 10 * 365 * 86400  # before the parent process started
    os.utime(leftover, (long_ago, long_ago))
    open_database(path).close()
    assert not leftover.exists()


def _used_bytes(folder: Path) -> int:
    """Bytes the folder's files take, each file once however many names it has."""
    seen: dict[int, int] = {}
    for p in folder.iterdir():
        if p.is_file():
            info = p.stat()
            seen[info.st_ino] = info.st_size
    return sum(seen.values())


def test_a_restore_needs_at_most_twice_the_database_size(
    tmp_path: Path, rules: ClinicalRules, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    path = folder / "desk.sqlite3"
    _demo(path, rules, 40)
    db = open_database(path)
    saved = backup_to(db, tmp_path / "saved.sqlite3")
    db.close()
    size = path.stat().st_size
    peak = [0]

    def measured(real: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            peak[0] = max(peak[0], _used_bytes(folder))
            result = real(*args, **kwargs)
            peak[0] = max(peak[0], _used_bytes(folder))
            return result

        return call

    for name in ("replace", "link", "unlink"):
        monkeypatch.setattr(os, name, measured(getattr(os, name)))
    monkeypatch.setattr(backup_module, "private_file", measured(backup_module.private_file))
    aside = restore(saved, path)
    monkeypatch.undo()
    assert aside is not None
    assert size > 400_000
    assert peak[0] <= 2 * size + 64 * 1024, (peak[0], size)
    with sqlite3.connect(aside) as con:  # the old database, whole, under its new name
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()


def test_copies_kept_before_a_restore_are_rotated(tmp_path: Path, rules: ClinicalRules) -> None:
    path = tmp_path / "desk.sqlite3"
    _demo(path, rules)
    db = open_database(path)
    saved = backup_to(db, tmp_path / "saved.sqlite3")
    db.close()
    asides = [restore(saved, path) for _ in range(KEEP_BEFORE_RESTORE + 2)]
    kept = sorted(p for p in tmp_path.iterdir() if ".before-restore-" in p.name)
    assert kept == asides[-KEEP_BEFORE_RESTORE:]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in kept)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_kill_while_creating_leaves_a_hidden_file_the_next_start_removes(
    tmp_path: Path,
) -> None:
    from tests.persistence.sqlite.test_new_database import _killed_while_creating

    path = tmp_path / "desk.sqlite3"
    pid = fork_child(lambda: _killed_while_creating(path))
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    assert [p.name for p in tmp_path.iterdir()] != []  # .desk.sqlite3.creating-PID and -wal
    open_database(path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk.sqlite3"]
