"""Losing the database mid-session and finding it again, on the desktop (issue 18).

The store (`services.ports_downtime.Outage`) falls to the snapshot by itself at the first
action that finds the database unreachable, and says so from whichever thread found out; a
queued signal brings that to the GUI thread, where the banner goes up with a Reconnect
button. While it is up, the database is tried every RECONNECT_SECONDS in a worker thread (a
connection attempt can take the driver's whole connect timeout, which the screens must not
wait for); when it answers, the banner goes and the snapshot refresh starts again. A
window started on the snapshot was never signed in: there the button becomes "Switch to the
database", which leaves the event loop with BACK_TO_DATABASE for the composition root to
reopen on the database, locked until sign-in.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QWidget

from ino_desk.services.ports.downtime import BACK_TO_DATABASE

if TYPE_CHECKING:
    from ino_desk.services.ports.downtime import Outage, SnapshotInfo


class DowntimeControls(Protocol):
    """What a reconnection drives (`ui.downtime.DowntimeControls`), named here so the two
    modules do not import each other."""

    @property
    def window(self) -> QMainWindow: ...

    @property
    def banner(self) -> QLabel | None: ...

    @property
    def since_start(self) -> bool:
        """On the snapshot since the window opened (nobody signed in)."""
        ...

    def fell(self, info: SnapshotInfo, reconnect: QWidget) -> None: ...

    def back(self) -> None: ...


RECONNECT_SECONDS = 15


class Reconnection(QObject):
    changed = Signal(object)  # the SnapshotInfo fallen to, or None when the database is back
    probed = Signal(bool)  # one try finished: whether the database answered

    def __init__(
        self,
        controls: DowntimeControls,
        outage: Outage,
        interval_ms: int = RECONNECT_SECONDS * 1000,
    ) -> None:
        super().__init__(controls.window)
        self.controls = controls
        self.outage = outage
        self.button: QPushButton | None = None
        self._trying = False
        self._asked = False  # the button asked: a failed try is said in the status bar
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.try_now)
        self.changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)
        self.probed.connect(self._after_try)
        outage.watch(self.changed.emit)

    def _on_change(self, info: SnapshotInfo | None) -> None:
        if info is not None:
            self.fallen(info)
            return
        self._timer.stop()
        status = self.controls.window.statusBar()
        if self.controls.since_start:
            self._offer_switch()
            status.showMessage(self.tr("The database answers again: switch to it."), 10_000)
            return
        self.controls.back()
        self.button = None
        status.showMessage(self.tr("The database answers again; the banner is gone."), 10_000)

    def _offer_switch(self) -> None:
        banner, button = self.controls.banner, self.button
        if banner is None or button is None:
            return
        banner.setText(
            self.tr(
                "The database answers again. This window still shows the read-only snapshot: "
                "switch to the database to work on it (sign-in needed)."
            )
        )
        button.clicked.disconnect(self._ask)
        button.setText(self.tr("Switch to the database"))
        button.setObjectName("switchToDatabaseButton")
        button.setToolTip(self.tr("Reopen on the database; it asks for sign-in"))
        button.clicked.connect(self.switch_to_database)

    def switch_to_database(self) -> None:
        """Leave the snapshot's window: the composition root opens the database."""
        self.controls.window.hide()
        QCoreApplication.exit(BACK_TO_DATABASE)

    def fallen(self, info: SnapshotInfo) -> None:
        """On the snapshot (lost mid-session, or since the start): the banner with the
        Reconnect button, and the database tried on the timer."""
        if self.controls.banner is not None:
            return  # already down
        self.button = QPushButton(self.tr("Reconnect"))
        self.button.setObjectName("reconnectButton")
        self.button.setAutoDefault(False)  # a scanner's Enter never reaches it
        every = str(self._timer.interval() // 1000)
        self.button.setToolTip(
            self.tr("Try the database now (it is also tried every %1 s)").replace("%1", every)
        )
        self.button.clicked.connect(self._ask)
        self.controls.fell(info, self.button)
        self._timer.start()

    def _ask(self) -> None:
        self._asked = True
        self.try_now()

    def try_now(self) -> None:
        """One try in a worker thread (none while one is running)."""
        if self._trying:
            return
        self._trying = True
        if self.button is not None:
            self.button.setEnabled(False)
        threading.Thread(target=self._try, name="downtime-reconnect", daemon=True).start()

    def _try(self) -> None:
        self.probed.emit(self.outage.reconnect())

    def _after_try(self, answered: bool) -> None:
        self._trying = False
        if self.button is not None:
            self.button.setEnabled(True)
        if not answered and self._asked:
            self.controls.window.statusBar().showMessage(
                self.tr("The database still cannot be reached; still on the snapshot."), 10_000
            )
        self._asked = False
