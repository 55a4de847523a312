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

A desktop that could not reach the database at start runs on the snapshot from the first
screen, read-only and without sign-in (`desktop_on_snapshot`). `ServerReturn` tries the
database on the same timer and button; when it answers, the window offers to switch, and
`database_or_snapshot` opens the database and runs the normal desktop, locked until sign-in.
"""

from __future__ import annotations

import getpass
import logging
import threading
from typing import TYPE_CHECKING, TypeVar

from ino_desk.services.store_errors import StoreError, StoreUnavailableError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.passwords import Passwords
    from ino_desk.domain.staff.user_keys import Keyring
    from ino_desk.label.document import LabelDocument
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


class ServerReturn:
    """Implements `services.ports_downtime.Outage` for a desktop started on the snapshot:
    `reconnect` runs `probe` (opens the database once, and closes it); when the database
    answers, the watchers hear None and the window offers the switch. The store stays the
    snapshot until the composition root reopens on the database."""

    def __init__(self, info: SnapshotInfo, probe: Callable[[], None]) -> None:
        self._info: SnapshotInfo | None = info
        self._probe = probe
        self._lock = threading.Lock()
        self._watchers: list[Callable[[SnapshotInfo | None], None]] = []

    @property
    def snapshot(self) -> SnapshotInfo | None:
        return self._info

    def watch(self, on_change: Callable[[SnapshotInfo | None], None]) -> None:
        self._watchers.append(on_change)

    def reconnect(self) -> bool:
        if self._info is None:
            return True
        try:
            self._probe()
        except StoreError:
            return False
        with self._lock:
            was, self._info = self._info, None
        if was is not None:
            log.warning("the database answers again; the desktop offers to switch to it")
            for watcher in self._watchers:
                watcher(None)
        return True


def database_answers(db: str | None) -> None:
    """Open the database `db` names as it is (no migration, no backup) and close it again;
    StoreUnavailableError while it cannot be reached."""
    from ino_desk import paths
    from ino_desk.persistence.server.server import is_server_url, open_server_database
    from ino_desk.persistence.sqlite.database import open_database

    chosen = paths.database_choice(db)
    if is_server_url(chosen):
        open_server_database(str(chosen), create=False, upgrade=False).close()
    else:
        open_database(paths.database_path(db), create=False, upgrade=False).close()


def workstation_account() -> str:
    """The operating system's account this desktop runs as: the only identity a downtime
    can check (the database's accounts cannot be reached)."""
    try:
        return getpass.getuser()
    except Exception:  # no name in the environment nor the password database
        return "unknown"


def desktop_on_snapshot(
    rules: ClinicalRules,
    db: str | None,
    refused: StoreUnavailableError,
    load_label: Callable[[], LabelDocument],
    passwords: Passwords,
) -> int | None:
    """Run the desktop on this workstation's snapshot, read-only and without sign-in (raises
    `refused` when there is none); None when the database answered again and the user chose
    to switch to it."""
    from ino_desk.app_downtime import snapshot_instead
    from ino_desk.pdf.render import pdf_renderer
    from ino_desk.services.ports.downtime import BACK_TO_DATABASE
    from ino_desk.ui.shell.application import run_gui

    snapshot = snapshot_instead(db, refused, passwords)
    log.warning(
        "database unavailable; running on the downtime snapshot read-only without sign-in, "
        "workstation account %s",
        workstation_account(),
    )
    back = ServerReturn(snapshot.info, lambda: database_answers(db))
    try:
        label = f"downtime snapshot {snapshot.info.taken_text}"
        code = run_gui(rules, snapshot, label, load_label, renderer=pdf_renderer(),
                       snapshot=snapshot.info, outage=back)  # fmt: skip
    finally:
        snapshot.database.close()
    return None if code == BACK_TO_DATABASE else code


def database_or_snapshot(
    rules: ClinicalRules,
    db: str | None,
    load_label: Callable[[], LabelDocument],
    passwords: Passwords,
) -> Database | int:
    """The database `db` names, opened (created and migrated as needed); while it cannot be
    reached, the desktop on the snapshot, and the database again when the user switches to
    it. An int: the desktop's exit code (closed while still on the snapshot)."""
    from ino_desk.app_database import open_chosen_database

    while True:
        try:
            return open_chosen_database(db, create=True)
        except StoreUnavailableError as refused:
            code = desktop_on_snapshot(rules, db, refused, load_label, passwords)
            if code is not None:
                return code
