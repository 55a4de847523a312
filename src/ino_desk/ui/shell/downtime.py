"""Downtime on the desktop (issue 18): the banner, the pack menu item, the snapshot refresh.

On the live database, this workstation refreshes its local read-only snapshot after each
change it sees (a short pause gathers a burst of changes) and on a timer, in a worker thread
started after the first paint, so the screens never wait for it. On the snapshot, a banner
says so above every screen; writes are refused by the store with a plain message.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.errors import DomainError
from ino_desk.domain.staff.users import Role, User
from ino_desk.safe_files import OutputFileError, write_private
from ino_desk.services.paperwork.downtime_pack import assemble_downtime_pack
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.palette import colours_for
from ino_desk.ui.shell.reconnection import Reconnection

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ino_desk.services.ports.downtime import Outage, SnapshotInfo
    from ino_desk.ui.common.desk import Desk
    from ino_desk.ui.shell.main_window import MainWindow

# Who the window works as on the snapshot: nobody can sign in (no account can be checked and
# nothing written), and a read-only role keeps the screens from offering changes. Any write
# still reaches the store, which refuses it with the downtime message.
DOWNTIME_READER = User(0, "downtime", "Downtime reader", Role.READ_ONLY)
REFRESH_MINUTES = 5
GATHER_MS = 2000  # changes within this pause are one refresh


class DowntimeBanner(QLabel):
    """ "Downtime: read-only snapshot taken <time>", in the warning colours of the palette."""

    def __init__(self, info: SnapshotInfo, since_start: bool = False) -> None:
        super().__init__()
        self.setObjectName("downtimeBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        text = self.tr(
            "Downtime: read-only snapshot taken %1. The database cannot be reached; "
            "nothing can be saved. Record on paper (File > Downtime pack) and enter it "
            "afterwards as recorded after downtime."
        ).replace("%1", info.taken_text)
        if since_start:  # nobody signed in: say so, and what guards the screens instead
            text += " " + self.tr(
                "Open without sign-in (no account can be checked): this workstation's own "
                "log-in guards it."
            )
        self.setText(text)
        self.setAccessibleName(self.tr("Downtime notice"))
        colours = colours_for(self)
        self.setStyleSheet(
            f"QLabel#downtimeBanner {{ background: {colours.amber_fill}; "
            f"color: {colours.amber_text}; font-weight: bold; padding: 6px; }}"
        )


class SnapshotRefresher(QObject):
    """Runs `refresh` in a worker thread, after changes and every REFRESH_MINUTES."""

    refreshed = Signal(object)  # the new SnapshotInfo
    failed = Signal(str)

    def __init__(
        self,
        desk: Desk,
        refresh: Callable[[], SnapshotInfo],
        interval_ms: int = REFRESH_MINUTES * 60_000,
    ) -> None:
        super().__init__(desk)
        self._refresh = refresh
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self.last: SnapshotInfo | None = None
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self.refresh_now)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.refresh_now)
        for signal in (desk.patientSaved, desk.patientDataChanged):
            signal.connect(lambda _id: self._gather.start())
        for plain in (desk.dosesChanged, desk.settingsChanged):
            plain.connect(self._gather.start)
        self.refreshed.connect(self._keep)

    def start(self) -> None:
        """The first refresh once the window is painted, then the timer."""
        QTimer.singleShot(0, self.refresh_now)
        self._timer.start()

    def pause(self) -> None:
        """While the database cannot be reached: nothing to refresh from."""
        self._timer.stop()
        self._gather.stop()

    def refresh_now(self) -> None:
        with self._lock:
            if self._running:  # one at a time; one more after it for what it missed
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._work, name="downtime-snapshot", daemon=True).start()

    def _work(self) -> None:
        while True:
            try:
                self.refreshed.emit(self._refresh())
            except (StoreError, OSError) as exc:
                self.failed.emit(getattr(exc, "message", str(exc)))
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False

    def _keep(self, info: SnapshotInfo) -> None:
        self.last = info


class DowntimeControls(QObject):
    """What a main window gets for downtimes: the pack menu item, and the banner or refresh.

    Given the store's `Outage`, also the fall to the snapshot mid-session and the way back
    (`fell`, `back`, driven by `ui/reconnection.py`). The pack is assembled and rendered in a
    worker thread (hundreds of doses take seconds); the file is written and opened back on
    the GUI thread."""

    packReady = Signal(object, object)  # noqa: N815 - the target Path, then bytes or an error

    def __init__(
        self,
        window: MainWindow,
        snapshot: SnapshotInfo | None,
        refresh: Callable[[], SnapshotInfo] | None,
        outage: Outage | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.snapshot = snapshot
        self.since_start = snapshot is not None  # started on the snapshot: never signed in
        self.banner: DowntimeBanner | None = None
        self._holder: QWidget | None = None
        self._body: QWidget | None = None
        self._title = window.windowTitle()
        self.refresher = None if refresh is None else SnapshotRefresher(window.desk, refresh)
        self.reconnection = None if outage is None else Reconnection(self, outage)
        self.pack_action = QAction(self.tr("&Downtime pack…"), window)
        self.pack_action.setObjectName("actionDowntimePack")
        self.pack_action.setToolTip(
            self.tr("Save and open the downtime pack: next doses, quick reference, paper forms")
        )
        self.pack_action.setEnabled(window.desk.renderer is not None)
        self.pack_action.triggered.connect(self.save_pack)
        self.packReady.connect(self._publish)
        window.file_menu.insertAction(window.settings_action, self.pack_action)
        if snapshot is not None:
            if self.reconnection is not None:  # the database is tried, and a switch offered
                self.reconnection.fallen(snapshot)
            else:
                self._show_banner(snapshot)
            window.desk.set_user(DOWNTIME_READER)

    def _show_banner(self, info: SnapshotInfo, reconnect: QWidget | None = None) -> None:
        self.banner = DowntimeBanner(info, self.since_start)
        body = self.window.takeCentralWidget()
        assert body is not None  # the main window always has its screens
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.banner, 1)
        if reconnect is not None:
            row.addWidget(reconnect)
        column.addLayout(row)
        column.addWidget(body, 1)
        self.window.setCentralWidget(holder)
        self._holder, self._body = holder, body
        self.window.setWindowTitle(self.tr("DOWNTIME (read-only) — ") + self._title)

    def fell(self, info: SnapshotInfo, reconnect: QWidget) -> None:
        """The database was lost mid-session: the banner, and no refresh until it is back."""
        self.snapshot = info
        if self.banner is None:
            self._show_banner(info, reconnect)
        if self.refresher is not None:
            self.refresher.pause()

    def back(self) -> None:
        """The database answers again: the banner goes and the snapshot is kept fresh again."""
        self.snapshot = None
        holder, body = self._holder, self._body
        if holder is not None and body is not None:
            self.window.takeCentralWidget()
            self.window.setCentralWidget(body)  # out of the holder, before it is deleted
            body.show()
            holder.deleteLater()
        self.banner = self._holder = self._body = None
        self.window.setWindowTitle(self._title)
        if self.refresher is not None:
            self.refresher.start()

    def pack_bytes(self) -> bytes:
        desk = self.window.desk
        assert desk.renderer is not None
        source = (
            "the database"
            if self.snapshot is None
            else f"the read-only snapshot taken {self.snapshot.taken_text}"
        )
        now = datetime.now(UTC).astimezone()
        pack = assemble_downtime_pack(desk.store, desk.rules, desk.today(), now, source)
        return desk.renderer.downtime_pack(pack)

    def write_pack(self, path: Path) -> Path:
        """Owner-only and atomic, never over a database; OutputFileError otherwise."""
        return write_private(path, self.pack_bytes(), force=True, what="the downtime pack")

    def save_pack(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the downtime pack"),
            "downtime-pack.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if not name:
            return
        from pathlib import Path

        self.pack_action.setEnabled(False)
        self.window.statusBar().showMessage(self.tr("Preparing the downtime pack…"))
        target = Path(name)
        threading.Thread(
            target=self._build, args=(target,), name="downtime-pack", daemon=True
        ).start()

    def _build(self, target: Path) -> None:
        try:
            self.packReady.emit(target, self.pack_bytes())
        except (StoreError, DomainError) as exc:
            self.packReady.emit(target, exc)

    def _publish(self, target: Path, result: bytes | StoreError | DomainError) -> None:
        self.pack_action.setEnabled(True)
        self.window.statusBar().clearMessage()
        try:
            if not isinstance(result, bytes):
                raise result
            written = write_private(target, result, force=True, what="the downtime pack")
        except (OutputFileError, StoreError) as exc:
            QMessageBox.warning(self.window, self.tr("Downtime pack"), exc.message)
            return
        except DomainError as exc:
            QMessageBox.warning(self.window, self.tr("Downtime pack"), str(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
