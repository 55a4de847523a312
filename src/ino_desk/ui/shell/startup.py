"""Set up the Qt application before any window: identity, icon, settings store, clean quit."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ino_desk import __version__
from ino_desk.resources import resource_path
from ino_desk.ui.common.palette import apply_scheme

ORGANIZATION = "ino-desk"
APPLICATION = "ino-desk"
DESKTOP_ID = "org.inodesk.InoDesk"  # the .desktop file's name: Wayland matches windows by it
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
_SIGNAL_POLL_MS = 250  # lets Python run its signal handlers while Qt's loop waits

log = logging.getLogger(__name__)


def display_available() -> bool:
    """False on a Linux session without X11/Wayland (e.g. over SSH), where Qt would abort."""
    if QApplication.instance() is not None or not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"))


def prepare_application(started_at: float) -> QApplication:
    """Create (or reuse) the QApplication with ino-desk's names, icon and SIGTERM handling.

    `started_at` is a `time.monotonic()` reading from the start of `main`; the log then
    records how long the first window took to appear.
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(application_icon())
    if existing is None:
        apply_scheme(app)  # dark when asked or when the system is dark, before any window
    _quit_on_termination_signals(app)
    global _started_at
    _started_at = started_at
    QTimer.singleShot(0, app, lambda: _log_first_window(app, started_at))
    return app


_started_at: float | None = None
_quit_signals: list[int] = []  # termination signals received in this run


def quit_requested() -> bool:
    """True once SIGTERM or Ctrl+C arrived: e.g. while the start window was up, before the
    main window exists to be closed; the main window is then not shown at all."""
    return bool(_quit_signals)


def log_window_shown(what: str) -> None:
    """Log when a later window (the workstation after the start window) appeared."""
    if _started_at is None:
        log.info("%s shown", what)
        return
    log.info("%s shown after %.0f ms", what, (time.monotonic() - _started_at) * 1000)


def application_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"ino-desk-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon


def _quit_on_termination_signals(app: QApplication) -> None:
    """SIGTERM (logout, shutdown, `kill`) and Ctrl+C close the windows as the Quit menu would.

    A request that arrives while a dialog runs its own loop before the main loop has started
    would be lost, so it stays pending: once every window is closed the app quits. If a
    window refuses to close (the user chose to stay), nothing more is forced.
    """
    pending = _quit_signals
    pending.clear()

    def request_quit(signum: int, _frame: object) -> None:
        log.info("signal %d received; closing the windows", signum)
        pending.append(signum)
        app.closeAllWindows()  # also ends a modal dialog's own event loop
        app.quit()

    def poll() -> None:  # runs Python's signal handlers; finishes a pending quit
        if pending and not any(w.isVisible() for w in app.topLevelWidgets()):
            app.quit()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, request_quit)
    timer = QTimer(app)
    timer.setObjectName("signalPoll")
    timer.timeout.connect(poll)
    timer.start(_SIGNAL_POLL_MS)


def _log_first_window(app: QApplication, started_at: float) -> None:
    shown = [w.objectName() or type(w).__name__ for w in app.topLevelWidgets() if w.isVisible()]
    elapsed_ms = (time.monotonic() - started_at) * 1000
    log.info("first window shown after %.0f ms: %s", elapsed_ms, ", ".join(shown) or "none")


@dataclass(frozen=True, slots=True)
class SettingsReset:
    location: str  # the settings file (or registry key on Windows)
    cleared: int  # how many values were removed
    backup: Path | None  # a copy of the removed values, None when there was nothing to keep


def reset_settings() -> SettingsReset:
    """Remove every saved window layout and preference, keeping a dated INI backup first."""
    settings = QSettings(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )
    keys = settings.allKeys()
    backup: Path | None = None
    if keys:
        folder = (
            Path(
                QStandardPaths.writableLocation(
                    QStandardPaths.StandardLocation.GenericConfigLocation
                )
            )
            / ORGANIZATION
        )
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = folder / f"{APPLICATION}-settings-before-reset-{stamp}.ini"
        copy = QSettings(str(backup), QSettings.Format.IniFormat)
        for key in keys:
            copy.setValue(key, settings.value(key))
        copy.sync()
        if copy.status() != QSettings.Status.NoError:
            raise OSError(f"cannot write the settings backup {backup}")
    settings.clear()
    settings.sync()
    if settings.status() != QSettings.Status.NoError:
        raise OSError(f"cannot clear the settings in {settings.fileName()}")
    return SettingsReset(settings.fileName(), len(keys), backup)
