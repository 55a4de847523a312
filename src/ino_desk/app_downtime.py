"""Composition root, downtime part (issue 18): the snapshot and the pack's source.

Built by `app` for the commands and the desktop; the only place outside `persistence` that
chooses between the configured database and this workstation's read-only snapshot.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ino_desk import paths
from ino_desk.app_database import open_chosen_database
from ino_desk.domain.staff.passwords import Passwords
from ino_desk.services.store_errors import StoreUnavailableError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from ino_desk.persistence.downtime.downtime_store import SnapshotStore
    from ino_desk.persistence.sqlite.sqlite_engine import Database
    from ino_desk.services.ports.downtime import SnapshotInfo
    from ino_desk.services.ports.store import Store


def _snapshot_of(db: str | None) -> Path:
    """This workstation's snapshot of the file or server database `--db` / INO_DESK_DB names."""
    from ino_desk.persistence.server.server import is_server_url

    chosen = paths.database_choice(db)
    if chosen is not None and is_server_url(chosen):
        return paths.downtime_snapshot_for(chosen)
    return paths.downtime_snapshot_for(paths.database_path(db).expanduser().absolute())


@dataclass(frozen=True, slots=True)
class SqlDowntime:
    """Implements `services.ports_downtime.DowntimeStorage` for the database `db` names."""

    db: str | None
    passwords: Passwords

    @property
    def snapshot_path(self) -> Path:
        return _snapshot_of(self.db)

    def is_snapshot(self, path: Path) -> bool:
        from ino_desk.persistence.downtime.downtime_store import open_snapshot

        try:
            open_snapshot(path).database.close()
        except StoreUnavailableError:
            return False
        return True

    def take_snapshot(self, target: Path | None = None) -> SnapshotInfo:
        from ino_desk.persistence.downtime.downtime_snapshot import take_snapshot

        database = open_chosen_database(self.db, create=False)
        try:
            return take_snapshot(database.engine, target or self.snapshot_path, date.today())
        finally:
            database.close()

    @contextmanager
    def pack_source(self) -> Iterator[tuple[Store, str]]:
        from ino_desk.persistence.downtime.downtime_store import (
            falls_back_to_snapshot,
            open_snapshot,
        )
        from ino_desk.persistence.unit_of_work import SqlStore

        try:
            database = open_chosen_database(self.db, create=False)
        except StoreUnavailableError as exc:
            if not falls_back_to_snapshot(exc) or not self.snapshot_path.is_file():
                raise
            snapshot = open_snapshot(self.snapshot_path, self.passwords)
            try:
                yield snapshot, f"the read-only snapshot taken {snapshot.info.taken_text}"
            finally:
                snapshot.database.close()
            return
        try:
            yield SqlStore(database, passwords=self.passwords), "the database"
        finally:
            database.close()


def desktop_refresher(database: Database, db: str | None) -> Callable[[], SnapshotInfo]:
    """Refresh this workstation's snapshot from the open database (run in a worker thread)."""

    def refresh() -> SnapshotInfo:
        from ino_desk.persistence.downtime.downtime_snapshot import take_snapshot

        target = _snapshot_of(db)
        return take_snapshot(database.engine, target, date.today())

    return refresh


def snapshot_instead(
    db: str | None, refused: StoreUnavailableError, passwords: Passwords
) -> SnapshotStore:
    """The snapshot to run on when the database cannot be reached; `refused` again when it
    is not an outage (a SQLite file on a network share) or there is no snapshot."""
    from ino_desk.persistence.downtime.downtime_store import falls_back_to_snapshot, open_snapshot

    snapshot = _snapshot_of(db)
    if not falls_back_to_snapshot(refused) or not snapshot.is_file():
        raise refused
    return open_snapshot(snapshot, passwords)
