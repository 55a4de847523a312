"""Composition root, downtime part: losing the database mid-session, and finding it again.

The desktop runs on `OutageStore` (issue 18). While the database answers, every action goes
to it. The first action that finds it unreachable (`StoreUnavailableError`: the server
stopped, the network or the database gone) makes the store open this workstation's
read-only snapshot: that failed action still raises its own plain message (a write is not
retried anywhere: nothing of it was saved, and the dialog that asked for it stays open with
what was typed), a read is answered from the snapshot, and every later write is refused
with the downtime message. `reconnect` tries the database once (the desktop calls it on a
timer off the GUI thread and from the banner's button); when it answers, the store is live
again with the same `SqlStore`, so the signing keys unlocked before the outage still work.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, TypeVar

from ino_desk.services.store_errors import StoreError, StoreUnavailableError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.staff.passwords import Passwords
    from ino_desk.domain.staff.user_keys import Keyring
    from ino_desk.persistence.downtime.downtime_store import SnapshotStore
    from ino_desk.persistence.sqlite.sqlite_engine import Database
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.ports.downtime import SnapshotInfo
    from ino_desk.services.ports.store import UnitOfWork

T = TypeVar("T")
log = logging.getLogger(__name__)


class OutageStore:
    """Implements `services.ports.Store` and `services.ports_downtime.Outage`."""

    def __init__(
        self,
        live: SqlStore,
        snapshot_instead: Callable[[StoreUnavailableError], SnapshotStore],
    ) -> None:
        """`snapshot_instead(refusal)` opens the snapshot, or raises `refusal` when there is
        none or the refusal is not an outage (a file on a network share)."""
        self.live = live
        self._snapshot_instead = snapshot_instead
        self._lock = threading.Lock()
        self._fallen: SnapshotStore | None = None
        self._watchers: list[Callable[[SnapshotInfo | None], None]] = []

    @property
    def passwords(self) -> Passwords:
        return self.live.passwords

    @property
    def keys(self) -> Keyring:
        return self.live.keys

    @property
    def snapshot(self) -> SnapshotInfo | None:
        fallen = self._fallen
        return None if fallen is None else fallen.info

    def watch(self, on_change: Callable[[SnapshotInfo | None], None]) -> None:
        self._watchers.append(on_change)

    def read(self, action: Callable[[UnitOfWork], T]) -> T:
        fallen = self._fallen
        if fallen is not None:
            return fallen.read(action)
        try:
            return self.live.read(action)
        except StoreUnavailableError as exc:
            fallen = self._fall(exc)
            if fallen is None:
                raise
            return fallen.read(action)

    def write(self, action: Callable[[UnitOfWork], T]) -> T:
        fallen = self._fallen
        if fallen is not None:
            return fallen.write(action)  # refused with the downtime message
        try:
            return self.live.write(action)
        except StoreUnavailableError as exc:
            self._fall(exc)
            raise  # this action's own message: nothing of it was saved

    def anchor(self, reason: str) -> None:
        fallen = self._fallen
        (self.live if fallen is None else fallen).anchor(reason)

    def reconnect(self) -> bool:
        if self._fallen is None:
            return True
        try:
            self.live.read(lambda uow: uow.audit_head())
        except StoreError:
            return False
        with self._lock:
            fallen, self._fallen = self._fallen, None
        if fallen is not None:
            fallen.database.close()
            log.warning("the database answers again; the downtime snapshot is closed")
            self._tell(None)
        return True

    def _fall(self, refusal: StoreUnavailableError) -> SnapshotStore | None:
        with self._lock:
            if self._fallen is not None:
                return self._fallen
            try:
                self._fallen = self._snapshot_instead(refusal)
            except StoreUnavailableError:
                return None  # no snapshot to stand in: the refusal stands alone
            fallen = self._fallen
        log.warning("the database cannot be reached; running on the downtime snapshot")
        self._tell(fallen.info)
        return fallen

    def _tell(self, info: SnapshotInfo | None) -> None:
        for watcher in self._watchers:
            watcher(info)


def desktop_store(database: Database, db: str | None, passwords: Passwords) -> OutageStore:
    """The desktop's store on the open database, with this workstation's snapshot behind it."""
    from ino_desk.app_downtime import snapshot_instead
    from ino_desk.persistence.unit_of_work import SqlStore

    return OutageStore(
        SqlStore(database, passwords=passwords),
        lambda refusal: snapshot_instead(db, refusal, passwords),
    )
