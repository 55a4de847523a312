"""Open the local downtime snapshot read-only, as a store whose every write is refused."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import create_engine

from ino_desk.persistence.downtime.downtime_snapshot import read_snapshot_info
from ino_desk.persistence.sqlite.network_filesystems import NetworkFilesystemError
from ino_desk.persistence.sqlite.snapshot import refuse_unusable
from ino_desk.persistence.sqlite.sqlite_engine import Database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.ports.downtime import DowntimeReadOnlyError, read_only_message

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ino_desk.domain.staff.passwords import Passwords
    from ino_desk.services.ports.downtime import SnapshotInfo
    from ino_desk.services.ports.store import UnitOfWork
    from ino_desk.services.store_errors import StoreUnavailableError

T = TypeVar("T")


class SnapshotStore(SqlStore):
    """Reads the snapshot; `write` refuses before anything runs (the file is opened
    read-only as well, so nothing could be written even by mistake)."""

    def __init__(
        self, database: Database, info: SnapshotInfo, passwords: Passwords | None = None
    ) -> None:
        super().__init__(database, passwords=passwords)
        self.info = info

    def write(self, action: Callable[[UnitOfWork], T]) -> T:
        raise DowntimeReadOnlyError(read_only_message(self.info))


def open_snapshot(path: Path, passwords: Passwords | None = None) -> SnapshotStore:
    """The snapshot at `path`, read-only; StoreUnavailableError when there is none usable."""
    path = path.expanduser().absolute()
    refuse_unusable(path)
    uri = f"{path.as_uri()}?mode=ro"
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        hide_parameters=True,
    )
    database = Database(path, engine, engine)
    try:
        with engine.connect() as conn:
            info = read_snapshot_info(conn, path)
    except BaseException:
        engine.dispose()
        raise
    return SnapshotStore(database, info, passwords)


def falls_back_to_snapshot(exc: StoreUnavailableError) -> bool:
    """Whether the database's refusal means "cannot be reached now" (the snapshot may stand
    in, read-only) rather than a setup to correct: a SQLite file on a network share is never
    replaced by a snapshot, it is refused until it is moved."""
    return not isinstance(exc, NetworkFilesystemError)
