"""Open the database file safely: refuse bad files untouched, back up, migrate, set pragmas."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from ino_desk.persistence import messages
from ino_desk.persistence.anchor_log import anchor_log_for
from ino_desk.persistence.leftovers import CREATING, clean_leftovers
from ino_desk.persistence.network_filesystems import refuse_network_filesystem
from ino_desk.persistence.snapshot import read_only_uri, refuse_unusable
from ino_desk.safe_files import (
    create_private_empty,
    fsync_folder,
    link_no_clobber,
    private_folder,
)
from ino_desk.services.ports import StoreError, StoreUnavailableError

if TYPE_CHECKING:
    from sqlalchemy import Connection

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
WRITE = "ino_desk_write"  # execution option: take the write lock when the transaction begins


def _unexplained(_exc: BaseException) -> StoreError | None:
    return None


@dataclass(slots=True)
class Database:
    """An open, migrated database. `engine` reads; `write_engine` begins with the write lock.

    A SQLite file has its `path`; a server database (`server.py`) has its `url` instead.
    `location` is what messages and screens show; `explain` turns a driver error into plain
    words (None when it cannot)."""

    path: Path | None
    engine: Engine
    write_engine: Engine
    location: str = ""
    explain: Callable[[BaseException], StoreError | None] = field(default=_unexplained)
    url: URL | None = None
    anchor_log: Path | None = None  # beside the backups; see persistence/anchor_log.py

    def __post_init__(self) -> None:
        if self.path is not None:
            path = self.path
            self.location = self.location or str(path)
            self.explain = lambda exc: messages.from_sqlite(exc, path)

    def close(self) -> None:
        self.engine.dispose()


def make_engine(path: Path) -> Engine:
    """Engine with the pragmas every connection needs. SQLite-only details stay in this module."""
    engine = create_engine(
        URL.create("sqlite+pysqlite", database=str(path)),
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,  # row data (names, dates of birth) never enters an error text
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred-only).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the lock up front: two writers queue on busy_timeout instead of one
        # failing half-way with "database is locked" when it upgrades a read lock.
        immediate = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _probe_existing(path: Path, backups_dir: Path | None = None) -> str | None:
    """Read-only look at an existing file: its migration revision, or refuse it untouched."""
    refuse_unusable(path, backups_dir)
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise messages.from_sqlite(exc, path) or messages.unreadable(path) from exc
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise messages.not_a_database(path, "it belongs to another program")
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.Error as exc:
        raise messages.from_sqlite(exc, path) or messages.not_a_database(path, str(exc)) from exc
    finally:
        con.close()


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
    from ino_desk.persistence import backup, migrate

    path = path.expanduser().absolute()
    refuse_network_filesystem(path)  # before anything is read or written there
    clean_leftovers(path, backups_dir)  # what killed backups, restores and creations left
    existed = path.exists()
    revision = _probe_existing(path, backups_dir) if existed else None
    head = migrate.head_revision()
    if revision is not None and revision not in migrate.known_revisions():
        raise messages.newer_schema(path, revision)
    if not existed and not create:
        raise StoreUnavailableError(f"There is no database at {path}.")
    created = not existed and _create_new(path)
    if not existed and not created:  # another process created it meanwhile: check it as theirs
        existed = True
        revision = _probe_existing(path, backups_dir)
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
