"""Composition root, downtime part (issue 18): the snapshot and the pack's source.

Built by `app` for the commands and the desktop; the only place outside `persistence` that
chooses between the configured database and this workstation's read-only snapshot.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ino_desk import paths
from ino_desk.domain.passwords import Passwords
from ino_desk.services.ports import StoreUnavailableError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ino_desk.persistence.database import Database
    from ino_desk.persistence.downtime_store import SnapshotStore
    from ino_desk.services.ports import Store
    from ino_desk.services.ports_downtime import SnapshotInfo


@dataclass(frozen=True, slots=True)
class SqlDowntime:
    """Implements `services.ports_downtime.DowntimeStorage` for the database at `db_path`."""

    db_path: Path
    passwords: Passwords

    @property
    def snapshot_path(self) -> Path:
        return paths.downtime_snapshot_for(self.db_path)

    def is_snapshot(self, path: Path) -> bool:
        from ino_desk.persistence.downtime_store import open_snapshot

        try:
            open_snapshot(path).database.close()
        except StoreUnavailableError:
            return False
        return True

    def take_snapshot(self, target: Path | None = None) -> SnapshotInfo:
        from ino_desk.persistence.database import open_database
        from ino_desk.persistence.downtime_snapshot import take_snapshot

        database = open_database(self.db_path, create=False)
        try:
            return take_snapshot(database.engine, target or self.snapshot_path, date.today())
        finally:
            database.close()

    @contextmanager
    def pack_source(self) -> Iterator[tuple[Store, str]]:
        from ino_desk.persistence.database import open_database
        from ino_desk.persistence.downtime_store import falls_back_to_snapshot, open_snapshot
        from ino_desk.persistence.unit_of_work import SqlStore

        try:
            database = open_database(
                self.db_path, backups_dir=paths.backups_dir_for(self.db_path), create=False
            )
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


def desktop_refresher(database: Database, db_path: Path) -> Callable[[], SnapshotInfo]:
    """Refresh this workstation's snapshot from the open database (run in a worker thread)."""

    def refresh() -> SnapshotInfo:
        from ino_desk.persistence.downtime_snapshot import take_snapshot

        target = paths.downtime_snapshot_for(db_path)
        return take_snapshot(database.engine, target, date.today())

    return refresh


def snapshot_instead(
    db_path: Path, refused: StoreUnavailableError, passwords: Passwords
) -> SnapshotStore:
    """The snapshot to run on when the database cannot be reached; `refused` again when it
    is not an outage (a SQLite file on a network share) or there is no snapshot."""
    from ino_desk.persistence.downtime_store import falls_back_to_snapshot, open_snapshot

    snapshot = paths.downtime_snapshot_for(db_path)
    if not falls_back_to_snapshot(refused) or not snapshot.is_file():
        raise refused
    return open_snapshot(snapshot, passwords)
