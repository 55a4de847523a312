"""A SQLite database file as the store uses it: the engine with its pragmas and write lock,
and a read-only look at an existing file before anything touches it."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

from ino_desk.persistence.sqlite import messages
from ino_desk.persistence.sqlite.snapshot import read_only_uri, refuse_unusable
from ino_desk.services.store_errors import StoreError

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
    anchor_log: Path | None = None  # beside the backups; see persistence/audit/anchor_log.py

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


def probe_existing(path: Path, backups_dir: Path | None = None) -> str | None:
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
