"""What killed backups, restores, creations and checks left behind, cleaned at the next start.

Every temporary file ino-desk writes carries the id of the process writing it:

- `DEST.partial-PID`: a backup (or a restore's staged copy) being written;
- `NAME.restoring-PID`: a restore's checked copy, waiting to take the database's place;
- `.NAME.creating-PID`: a new database being built (see `database._create_new`);
- `ino-desk-check-PID-*`: the private copy `db check` and `audit verify` read (temporary
  folder), and each with its `-wal`, `-shm` and `-journal`.

One is removed only when it is provably abandoned: its process is gone, or (Linux) the
process now holding that id started after the file was last written, so the id was reused.
Files from ino-desk versions that did not name the process (`.partial`, `.restoring`) count as
abandoned once nothing wrote them for `LEGACY_AGE_S`. Only names ino-desk gives are looked
at (the database's name, or `ino-desk-` in its backups folder); the live database and complete
backups never match them. Copies kept before a restore (`NAME.before-restore-STAMP`) are
rotated: the newest `KEEP_BEFORE_RESTORE` stay.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

PARTIAL = ".partial-"
RESTORING = ".restoring-"
CREATING = ".creating-"
BEFORE_RESTORE = ".before-restore-"
CHECK_PREFIX = "ino-desk-check-"
BACKUP_PREFIX = "ino-desk-"
KEEP_BEFORE_RESTORE = 3
LEGACY_AGE_S = 3600
SIDE = ("-wal", "-shm", "-journal")
_SIDE = r"(?:-wal|-shm|-journal)?"
_OURS = re.compile(
    rf"^(?:.+\.partial-(?P<a>\d+)|.+\.restoring-(?P<b>\d+)(?:\.partial-(?P<c>\d+))?"
    rf"|\..+\.creating-(?P<d>\d+)){_SIDE}$"
)
_LEGACY = re.compile(rf"^.+(?:\.partial|\.restoring|\.restoring\.partial){_SIDE}$")
_CHECK = re.compile(rf"^{CHECK_PREFIX}(?P<pid>\d+)-")


def _process_start(pid: int) -> float | None:
    """When process `pid` started (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def writer_gone(pid: int, written_at: float) -> bool:
    """True when the process that wrote a file at `written_at` certainly no longer runs."""
    if pid == os.getpid():
        return False  # ours: this process cleans up after itself
    if sys.platform == "win32":  # pragma: no cover - no signal 0 on Windows: age only
        return time.time() - written_at > LEGACY_AGE_S
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # another user's live process
    started = _process_start(pid)
    return started is not None and started > written_at + 1


def _abandoned(path: Path) -> bool:
    try:
        written_at = path.lstat().st_mtime
    except OSError:
        return False
    if found := _OURS.match(path.name):
        return writer_gone(int(next(g for g in found.groups() if g)), written_at)
    if _LEGACY.match(path.name):
        return time.time() - written_at > LEGACY_AGE_S
    return False


def clean_leftovers(db_path: Path, backups_dir: Path | None = None) -> list[Path]:
    """Remove abandoned temporary files beside the database, in its backups folder and in
    the temporary folder; rotate the copies kept before a restore. Best effort: what cannot
    be removed stays (and is logged). Returns what was removed."""
    removed: list[Path] = []
    places: list[tuple[Path, tuple[str, ...]]] = [
        (db_path.parent, (f"{db_path.name}.", f".{db_path.name}."))
    ]
    if backups_dir is not None:
        places.append((backups_dir, (BACKUP_PREFIX,)))
    for folder, ours in places:  # only names ino-desk gives: never a stranger's file
        with contextlib.suppress(OSError):
            for path in folder.iterdir():
                mine = path.name.startswith(ours) and path.is_file()
                if mine and _abandoned(path) and _remove(path):
                    removed.append(path)
    removed.extend(_clean_checks())
    removed.extend(rotate_before_restore(db_path))
    if removed:
        log.info("removed %d abandoned temporary files", len(removed))
    return removed


def _clean_checks() -> list[Path]:
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for path in Path(tempfile.gettempdir()).iterdir():
            found = _CHECK.match(path.name)
            if found is None or path.is_symlink() or not path.is_dir():
                continue
            info = path.stat()
            if hasattr(os, "getuid") and os.getuid() != info.st_uid:
                continue  # another user's (a shared temporary folder)
            if writer_gone(int(found["pid"]), info.st_mtime):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("cannot remove an abandoned temporary file: %s", exc.strerror)
        return False
    return True


def rotate_before_restore(db_path: Path, keep: int = KEEP_BEFORE_RESTORE) -> list[Path]:
    """Keep the newest `keep` copies set aside by restores (their names sort by time)."""
    prefix = f"{db_path.name}{BEFORE_RESTORE}"
    try:
        kept = sorted(
            p
            for p in db_path.parent.iterdir()
            if p.name.startswith(prefix) and not p.name.endswith(SIDE)
        )
    except OSError:
        return []
    removed: list[Path] = []
    for old in kept[: max(0, len(kept) - keep)]:
        for part in (old, *(Path(f"{old}{suffix}") for suffix in SIDE)):
            if _remove(part):
                removed.append(part)
    return removed
