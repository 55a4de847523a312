"""Backups with SQLite's online backup API, rolling start-up backups, and a safe restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ino_desk.persistence import messages
from ino_desk.persistence.snapshot import read_only_uri
from ino_desk.safe_files import (
    create_private_empty,
    fsync_folder,
    link_no_clobber,
    private_file,
    private_folder,
)
from ino_desk.services.ports import StoreError, StoreUnavailableError

if TYPE_CHECKING:
    from ino_desk.persistence.database import Database

BACKUP_PREFIX = "ino-desk-"
BACKUP_SUFFIX = ".sqlite3"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


_fsync_dir = fsync_folder


def _pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup: every page of `source` into `target` (the OS boundary)."""
    source.backup(target)


def _copy_database(source: sqlite3.Connection, dest: Path, *, replace: bool = False) -> None:
    """Copy page by page into `dest`, owner-only (0600 whatever the umask): written to a
    temporary name, then renamed; an existing `dest` is replaced only when `replace`."""
    partial = dest.with_name(dest.name + ".partial")
    for leftover in _family(partial):
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
        for leftover in _family(partial):
            leftover.unlink(missing_ok=True)
    _fsync_dir(dest.parent)


def backup_to(db: Database, dest: Path) -> Path:
    """A consistent copy of the open database at `dest`, while others keep working."""
    dest = dest.expanduser().absolute()
    if dest.exists():
        raise StoreError(f"{dest} already exists; choose a new file name for the backup.")
    if not dest.parent.is_dir():
        raise StoreError(f"The folder {dest.parent} does not exist.")
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        try:
            _copy_database(raw, dest)
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
    return dest


def backup_to_folder(db: Database, folder: Path, tag: str, keep: int) -> Path:
    """A dated backup in `folder` (owner-only, 0700); only the newest `keep` backups with
    this tag are kept."""
    try:
        private_folder(folder)
    except OSError as exc:
        raise messages.from_os_error(exc, folder, "backup") from exc
    dest = backup_to(db, folder / f"{BACKUP_PREFIX}{_stamp()}-{tag}{BACKUP_SUFFIX}")
    mine = sorted(folder.glob(f"{BACKUP_PREFIX}*-{tag}{BACKUP_SUFFIX}"))
    for old in mine[: max(0, len(mine) - keep)]:
        old.unlink(missing_ok=True)
    return dest


def restore(backup: Path, db_path: Path) -> Path | None:
    """Replace the database at `db_path` by `backup`, after checking the backup thoroughly.

    The backup is copied next to the database, checked (integrity, known schema, audit trail)
    and migrated there; the current file is copied aside; then one atomic rename swaps them.
    Any failure before the rename leaves the current database exactly as it was.
    Returns where the previous database was kept (None when there was none).
    """
    from ino_desk.persistence.database import _probe_existing, make_engine
    from ino_desk.persistence.health import check_database

    backup = backup.expanduser().absolute()
    db_path = db_path.expanduser().absolute()
    if not backup.is_file():
        raise StoreError(f"The backup {backup} does not exist.")
    _probe_existing(backup)
    staging = db_path.with_name(db_path.name + ".restoring")
    for leftover in _family(staging):
        leftover.unlink(missing_ok=True)
    source = sqlite3.connect(read_only_uri(backup), uri=True)
    try:  # the staged copy is on the database's disk
        _copy_database(source, staging, replace=True)
    except sqlite3.Error as exc:
        raise messages.from_sqlite(exc, db_path) or StoreError(
            f"The backup {backup} could not be copied next to the database: {exc}"
        ) from exc
    except OSError as exc:
        raise messages.from_os_error(exc, db_path) from exc
    finally:
        source.close()
    try:
        engine = make_engine(staging)
        try:
            from ino_desk.persistence import migrate

            with engine.execution_options(ino_desk_write=True).begin() as conn:
                if migrate.current_revision(conn) not in migrate.known_revisions():
                    raise messages.newer_schema(backup, str(migrate.current_revision(conn)))
                migrate.upgrade(conn)
            with engine.connect() as conn:
                report = check_database(conn)
        finally:
            engine.dispose()
        if not report.ok:
            raise StoreUnavailableError(
                f"The backup {backup} failed its check and was not restored: "
                f"{report.problems[0]}. The current database was not changed."
            )
        aside = _keep_aside(db_path)
        private_file(staging)  # the live database stays owner-only after a restore
        os.replace(staging, db_path)
        _fsync_dir(db_path.parent)
        return aside
    finally:
        for leftover in _family(staging):
            leftover.unlink(missing_ok=True)


def _family(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def _keep_aside(db_path: Path) -> Path | None:
    """Copy the current database aside; refuse while another program still has it open."""
    if not db_path.exists():
        return None
    aside = db_path.with_name(f"{db_path.name}.before-restore-{_stamp()}")
    try:
        con = sqlite3.connect(db_path, timeout=1)
        try:
            _copy_database(con, aside)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            aside.unlink(missing_ok=True)
            raise messages.locked() from exc  # in use elsewhere, not damaged: never replaced
        # A damaged database cannot be read page by page: keep its raw files instead.
        for part, suffix in zip(_family(db_path), ("", "-wal", "-shm", "-journal"), strict=True):
            if part.exists():
                shutil.copy2(part, f"{aside}{suffix}")
                private_file(Path(f"{aside}{suffix}"))
    wal = Path(f"{db_path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            "The database is still open in ino-desk (here or on another computer). Close it "
            "everywhere, then restore again. Nothing was changed."
        )
    for part in _family(db_path)[1:]:
        part.unlink(missing_ok=True)
    return aside
