"""Plain-words messages for what can go wrong with the database file."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from typing import TYPE_CHECKING, Literal

from ino_desk.services.store_errors import StoreError, StoreUnavailableError

if TYPE_CHECKING:
    from pathlib import Path

Disk = Literal["database", "backup", "temporary"]
FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
NEARLY_FULL_BYTES = 1 << 20  # an I/O error with less free space than this is a full disk

RESTORE_HINT = "To go back to a backup: ino-desk db restore BACKUP-FILE."


def locked() -> StoreError:
    return StoreError(
        "The database is busy with a long operation elsewhere (another window, a backup or a "
        "restore). Nothing from this action was saved; please try again in a minute."
    )


def disk_full(path: Path | None = None, disk: Disk = "database") -> StoreError:
    """The disk that is full, named: the database's, the backup folder's or the temporary one."""
    folder = "" if path is None else f" (folder {_folder(path)})"
    if disk == "backup":
        return StoreError(
            f"The backup folder's disk ({_folder(path)}) is full, so the backup was not "
            "written; the database itself was not changed. Free some space there (or ask IT) "
            "and try again."
        )
    if disk == "temporary":
        return StoreError(
            f"The temporary folder's disk ({_folder(path)}) is full: checking needs a private "
            "copy of the database there. The database was not changed. Free some space (or set "
            "TMPDIR to a folder with space) and try again."
        )
    return StoreError(
        f"The disk holding the database is full{folder}. Nothing from this action was saved; "
        "free some space (or ask IT) and try again."
    )


def _folder(path: Path | None) -> Path | str:
    if path is None:
        return "unknown"
    return path if path.is_dir() else path.parent


def disk_is_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(_folder(path)).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def missing(path: Path) -> StoreUnavailableError:
    return StoreUnavailableError(f"There is no database at {path}.")


def from_os_error(exc: OSError, path: Path, disk: Disk = "database") -> StoreError:
    """Plain words for a failed file operation on `path`: a full disk is never "no permission"."""
    if exc.errno in FULL_ERRNOS:
        return disk_full(path, disk)
    if disk == "database":
        return unreadable(path)
    where = {"database": "the database", "backup": "the backup", "temporary": "the check"}[disk]
    return StoreUnavailableError(
        f"{path} cannot be used for {where} ({exc.strerror or exc}). Nothing was changed."
    )


def is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def read_only(path: Path) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"The database {path} or its folder {path.parent} cannot be written, so nothing could be "
        "saved. The file was left as it was. Ask IT to allow writing to that folder."
    )


def unreadable(path: Path) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"The database {path} cannot be read (no permission or the disk is unavailable). "
        "It was left as it was."
    )


def not_a_database(path: Path, detail: str) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"{path} is not an ino-desk database or it is damaged ({detail}). The file was left "
        f"untouched. {RESTORE_HINT}"
    )


def empty_file(path: Path, backups_dir: Path | None) -> StoreUnavailableError:
    """A 0-byte file: it holds no records. Left alone (it may be what remains of a lost
    database), with advice that fits: a backup only when there is one."""
    newest = sorted(backups_dir.glob("ino-desk-*.sqlite3"))[-1:] if backups_dir else []
    advice = (
        f"If it held records, restore the newest backup: ino-desk db restore {newest[0]}"
        if newest and newest[0].is_file()
        else "There is no backup of it; if this is a first start that was interrupted, delete "
        "the empty file and start again"
    )
    return StoreUnavailableError(
        f"The database {path} is empty (0 bytes): the file is empty and holds no records. It "
        f"was left as it was. {advice}."
    )


def newer_schema(path: Path, revision: str) -> StoreUnavailableError:
    return newer_schema_at(str(path), revision)


def newer_schema_at(location: str, revision: str) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"{location} was written by a newer version of ino-desk (database version "
        f"{revision}). This version cannot use it and did not change it; install the newer "
        "ino-desk."
    )


def cannot_create(path: Path, detail: str) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"A new database cannot be created at {path} ({detail}). Choose a folder you can write "
        "to with --db PATH or INO_DESK_DB."
    )


def from_sqlite(exc: BaseException, path: Path, disk: Disk = "database") -> StoreError | None:
    """The plain-words error for a SQLite failure, or None when it is not one we can explain.

    SQLite reports a full disk as SQLITE_FULL, or as an I/O error when it cannot grow its
    shared-memory or journal file: with next to no free space left, that is a full disk too.
    """
    text = str(exc).lower()
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if is_busy(exc):
        return locked()
    if name == "SQLITE_FULL" or "disk is full" in text:
        return disk_full(path, disk)
    io_error = name.startswith("SQLITE_IOERR") or "i/o" in text
    if io_error and disk_is_full(path):
        return disk_full(path, disk)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return read_only(path)
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return not_a_database(path, "the database reports: " + text)
    if isinstance(exc, sqlite3.DatabaseError) and io_error:
        return unreadable(path)
    return None


NO_TABLES = (
    "the file holds no ino-desk tables: it is an empty SQLite database, with no records and no "
    "audit trail"
)
OTHER_PROGRAM = "the file belongs to another program: it has no ino-desk schema version"
