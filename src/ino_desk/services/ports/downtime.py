"""Downtime continuity (issue 18): what the rest of the app knows of the local snapshot.

When the configured database cannot be reached, the workstation opens its local snapshot
read-only: every screen reads as usual, every write is refused with `DowntimeReadOnlyError`
(a `StoreError`, so each screen and command already shows its plain message), and the
downtime pack prints. Paper records are entered afterwards (`domain.paper_records`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager
    from pathlib import Path

    from ino_desk.services.ports.store import Store


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """Where a snapshot is, when it was taken (aware), the days it covers and what it holds."""

    location: str
    taken_at: datetime
    first_day: date
    last_day: date
    patients: int
    doses: int

    @property
    def taken_text(self) -> str:
        """The time taken, in this workstation's local time, to the minute."""
        return self.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")


# What the desktop's event loop returns when a window started on the snapshot is asked to
# switch to the database that answers again: the composition root then opens the database
# and asks for sign-in (never a process exit code).
BACK_TO_DATABASE = 75


class DowntimeReadOnlyError(StoreError):
    """A write tried while the app runs on its read-only downtime snapshot."""


def read_only_message(info: SnapshotInfo) -> str:
    return (
        "Downtime: the database cannot be reached, and this workstation shows its read-only "
        f"snapshot taken {info.taken_text}. Nothing can be saved now: record it on the paper "
        "forms of the downtime pack, and enter it afterwards as recorded after downtime."
    )


class DowntimeStorage(Protocol):
    """The composition root's snapshot and pack-source functions, for commands and screens."""

    @property
    def snapshot_path(self) -> Path:
        """This workstation's own snapshot of the configured database."""
        ...

    def is_snapshot(self, path: Path) -> bool: ...

    def take_snapshot(self, target: Path | None = None) -> SnapshotInfo:
        """Copy the next days from the database into `target` (default: `snapshot_path`)."""
        ...

    def pack_source(self) -> AbstractContextManager[tuple[Store, str]]:
        """The database, or when it cannot be reached the snapshot, with words saying which."""
        ...


class Outage(Protocol):
    """The desktop's store when the database is lost mid-session: it falls to the snapshot at
    the first action that finds the database unreachable, and back when `reconnect` finds it."""

    @property
    def snapshot(self) -> SnapshotInfo | None:
        """The snapshot it runs on now; None on the live database."""
        ...

    def watch(self, on_change: Callable[[SnapshotInfo | None], None]) -> None:
        """`on_change(info)` when it falls to the snapshot, `on_change(None)` when it is back;
        called from whichever thread found out."""
        ...

    def reconnect(self) -> bool:
        """Try the database once (blocks up to the connect timeout): True when it is back."""
        ...
