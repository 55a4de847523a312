"""Backups with SQLite's online backup API and rolling start-up backups (restoring one:
`restore.py`)."""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ino_desk.persistence.audit.anchor_log import (
    anchor_log_for,
    append_anchor,
    head_of_file,
    keep_with_backup,
    kept_with,
)
from ino_desk.persistence.backups.backup_encrypted import site_backup_key, write_encrypted
from ino_desk.persistence.sqlite import messages
from ino_desk.persistence.sqlite.leftovers import PARTIAL
from ino_desk.safe_files import (
    create_private_empty,
    fsync_folder,
    link_no_clobber,
    private_folder,
)
from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from ino_desk.domain.printed.audit_anchors import AuditAnchor
    from ino_desk.persistence.sqlite.sqlite_engine import Database

_log = logging.getLogger(__name__)
BACKUP_PREFIX = "ino-desk-"
BACKUP_SUFFIX = ".sqlite3"
SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def stamp() -> str:
    """A UTC time for file names: sorts as time, unique to the microsecond."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup: every page of `source` into `target` (the OS boundary)."""
    source.backup(target)


def copy_database(source: sqlite3.Connection, dest: Path, *, replace: bool = False) -> None:
    """Copy page by page into `dest`, owner-only (0600 whatever the umask): written to a
    temporary name, then renamed; an existing `dest` is replaced only when `replace`."""
    partial = dest.with_name(f"{dest.name}{PARTIAL}{os.getpid()}")
    for leftover in side_files(partial):
        leftover.unlink(missing_ok=True)
    create_private_empty(partial)  # SQLite gives its journal the main file's mode
    try:
        target = sqlite3.connect(partial)
        try:
            _pages(source, target)
            target.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            target.close()
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        if replace:
            os.replace(partial, dest)
        else:
            link_no_clobber(partial, dest)
    finally:
        for leftover in side_files(partial):
            leftover.unlink(missing_ok=True)
    fsync_folder(dest.parent)


def backup_to(db: Database, dest: Path, anchor_log: Path | None = None) -> Path:
    """A consistent copy of the open database at `dest`, while others keep working; its
    audit head is appended to `anchor_log` (the backups folder's)."""
    dest = dest.expanduser().absolute()
    if dest.exists():
        raise StoreError(f"{dest} already exists; choose a new file name for the backup.")
    if not dest.parent.is_dir():
        raise StoreError(f"The folder {dest.parent} does not exist.")
    head: AuditAnchor | None = None
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        key = site_backup_key(raw)
        try:
            if key is None:
                copy_database(raw, dest)
                head = head_of_file(dest)
            else:  # the site set a backup passphrase
                head = write_encrypted(
                    lambda plain: copy_database(raw, plain, replace=True), dest, key
                )
        except sqlite3.Error as exc:  # the source only reads: a full disk is the backup's
            raise messages.from_sqlite(exc, dest, "backup") or StoreError(
                f"The backup could not be written to {dest}: {exc}"
            ) from exc
        except FileExistsError:
            raise StoreError(
                f"{dest} already exists; choose a new file name for the backup."
            ) from None
        except OSError as exc:
            raise messages.from_os_error(exc, dest, "backup") from exc
    if anchor_log is not None:
        anchor_backup(anchor_log, head, f"backup {dest.name}", keep_beside=dest)
    return dest


def anchor_backup(
    log: Path, head: AuditAnchor | None, reason: str, keep_beside: Path | None = None
) -> None:
    if head is None:
        return
    try:
        append_anchor(log, head, reason)
    except OSError as exc:
        raise StoreError(
            f"{reason.capitalize()} done, but its anchor could not be added to {log}: "
            f"{exc.strerror or exc}"
        ) from exc
    if keep_beside is not None:
        try:  # the log is what counts; its copy beside the backup travels with it
            keep_with_backup(log, keep_beside)
        except OSError as exc:
            _log.warning("anchor log not kept beside %s: %s", keep_beside.name, exc)


def backup_to_folder(db: Database, folder: Path, tag: str, keep: int) -> Path:
    """A dated backup in `folder` (owner-only, 0700); only the newest `keep` backups with
    this tag are kept."""
    try:
        private_folder(folder)
    except OSError as exc:
        raise messages.from_os_error(exc, folder, "backup") from exc
    dest = backup_to(
        db, folder / f"{BACKUP_PREFIX}{stamp()}-{tag}{BACKUP_SUFFIX}", anchor_log_for(folder)
    )
    mine = sorted(folder.glob(f"{BACKUP_PREFIX}*-{tag}{BACKUP_SUFFIX}"))
    for old in mine[: max(0, len(mine) - keep)]:
        old.unlink(missing_ok=True)
        kept_with(old).unlink(missing_ok=True)
    return dest


def side_files(path: Path) -> list[Path]:
    """A database file and the files SQLite may keep beside it, in `SIDE_SUFFIXES` order."""
    return [Path(f"{path}{suffix}") for suffix in SIDE_SUFFIXES]
