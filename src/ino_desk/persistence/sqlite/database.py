"""Open the database file safely: refuse bad files untouched, back up, migrate, set pragmas."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from ino_desk.persistence.audit.anchor_log import anchor_log_for
from ino_desk.persistence.sqlite import messages
from ino_desk.persistence.sqlite.leftovers import CREATING, clean_leftovers
from ino_desk.persistence.sqlite.network_filesystems import refuse_network_filesystem
from ino_desk.persistence.sqlite.sqlite_engine import WRITE, Database, make_engine, probe_existing
from ino_desk.safe_files import (
    create_private_empty,
    fsync_folder,
    link_no_clobber,
    private_folder,
)
from ino_desk.services.store_errors import StoreUnavailableError

log = logging.getLogger(__name__)


def open_database(
    path: Path,
    *,
    backups_dir: Path | None = None,
    keep_backups: int = 10,
    create: bool = True,
    upgrade: bool = True,
) -> Database:
    """Open (or create) the database at `path`, migrated to the head revision.

    An existing file is first checked read-only: not a database, empty, damaged or from a newer
    ino-desk means StoreUnavailableError and the file is not touched. Before migrating an
    existing database a backup is taken. (The desktop's daily backup is not taken here: see
    `daily_backup`, run after the window is up.)
    `create=False` refuses a missing file; `upgrade=False` opens an older schema as it is
    (for checks that must not change the file).
    """
    from ino_desk.persistence import migrate
    from ino_desk.persistence.backups import backup

    path = path.expanduser().absolute()
    refuse_network_filesystem(path)  # before anything is read or written there
    clean_leftovers(path, backups_dir)  # what killed backups, restores and creations left
    existed = path.exists()
    revision = probe_existing(path, backups_dir) if existed else None
    head = migrate.head_revision()
    if revision is not None and revision not in migrate.known_revisions():
        raise messages.newer_schema(path, revision)
    if not existed and not create:
        raise StoreUnavailableError(f"There is no database at {path}.")
    created = not existed and _create_new(path)
    if not existed and not created:  # another process created it meanwhile: check it as theirs
        existed = True
        revision = probe_existing(path, backups_dir)
    elif created:
        revision = head
    engine = make_engine(path)
    db = Database(path, engine, engine.execution_options(**{WRITE: True}))
    if backups_dir is not None:
        db.anchor_log = anchor_log_for(backups_dir)
    try:
        with engine.connect():  # its pragmas need the folder writable (the -wal file)
            pass
        if upgrade and revision != head:
            if existed and backups_dir is not None:  # never migrate without a way back
                backup.backup_to_folder(db, backups_dir, "before-upgrade", keep_backups)
            with db.write_engine.begin() as conn:
                migrate.upgrade(conn)
    except DBAPIError as exc:
        engine.dispose()
        raise messages.from_sqlite(exc.orig or exc, path) or messages.read_only(path) from exc
    except BaseException:
        engine.dispose()
        raise
    return db


def _create_new(path: Path) -> bool:
    """Build a new database, migrated to head, in a temporary owner-only file beside `path`,
    then give it its name in one step: a kill at any moment leaves either no database or a
    complete one, never an empty file. False when another process created `path` first."""
    from ino_desk.persistence import migrate

    building = path.with_name(f".{path.name}{CREATING}{os.getpid()}")
    try:
        private_folder(path.parent)
        for leftover in _family(building):
            leftover.unlink(missing_ok=True)
        create_private_empty(building)
        engine = make_engine(building)
        try:
            with engine.execution_options(**{WRITE: True}).begin() as conn:
                migrate.upgrade(conn)
            with engine.connect() as conn:  # one file: nothing left in a -wal to lose
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        with building.open("rb+") as f:
            os.fsync(f.fileno())
        try:
            link_no_clobber(building, path)
        except FileExistsError:
            return False
        fsync_folder(path.parent)
        return True
    except DBAPIError as exc:
        raise messages.from_sqlite(exc.orig or exc, path) or messages.cannot_create(
            path, str(exc.orig or exc)
        ) from exc
    except OSError as exc:
        if exc.errno in messages.FULL_ERRNOS:
            raise messages.disk_full(path) from None
        raise messages.cannot_create(path, exc.strerror or str(exc)) from None
    finally:
        for leftover in _family(building):
            leftover.unlink(missing_ok=True)


def _family(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
