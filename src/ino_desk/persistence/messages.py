"""Plain-words messages for what can go wrong with the database file."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ino_desk.services.ports import StoreError, StoreUnavailableError

if TYPE_CHECKING:
    from pathlib import Path

RESTORE_HINT = "To go back to a backup: ino-desk db restore BACKUP-FILE."


def locked() -> StoreError:
    return StoreError(
        "The database is busy with a long operation elsewhere (another window, a backup or a "
        "restore). Nothing from this action was saved; please try again in a minute."
    )


def disk_full() -> StoreError:
    return StoreError(
        "The disk holding the database is full. Nothing from this action was saved; free some "
        "space (or ask IT) and try again."
    )


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
    return StoreUnavailableError(
        f"{path} was written by a newer version of ino-desk (database version {revision}). This "
        "version cannot use it and did not change it; install the newer ino-desk."
    )


def cannot_create(path: Path, detail: str) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"A new database cannot be created at {path} ({detail}). Choose a folder you can write "
        "to with --db PATH or INO_DESK_DB."
    )


def from_sqlite(exc: BaseException, path: Path) -> StoreError | None:
    """The plain-words error for a SQLite failure, or None when it is not one we can explain."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return locked()
    if "disk is full" in text or "database or disk is full" in text:
        return disk_full()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return read_only(path)
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return not_a_database(path, "the database reports: " + text)
    if isinstance(exc, sqlite3.DatabaseError) and "i/o" in text:
        return unreadable(path)
    return None
