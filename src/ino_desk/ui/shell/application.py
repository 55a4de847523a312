"""Create the QApplication and show the main window on an open store."""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ino_desk.services.queries import has_patients
from ino_desk.services.staff.users import needs_first_administrator
from ino_desk.ui.common.desk import Desk
from ino_desk.ui.common.errors import attempt
from ino_desk.ui.common.palette import apply_scheme
from ino_desk.ui.shell.downtime import DowntimeControls
from ino_desk.ui.shell.main_window import MainWindow
from ino_desk.ui.shell.session import idle_minutes, start_locked
from ino_desk.ui.shell.start_window import close_start_window
from ino_desk.ui.shell.startup import log_window_shown, quit_requested
from ino_desk.ui.shell.welcome_dialog import (
    DISMISSED_KEY,
    DataLocations,
    WelcomeDialog,
    welcome_dismissed,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.label.document import LabelDocument
    from ino_desk.services.ports.documents import DocumentRenderer
    from ino_desk.services.ports.downtime import Outage, SnapshotInfo
    from ino_desk.services.ports.store import Store


def label_placeholder() -> QWidget:
    label = QLabel(
        QCoreApplication.translate("application", "The label viewer could not be loaded.")
    )
    label.setObjectName("labelPlaceholder")
    return label


def label_viewer_factory(load: Callable[[], LabelDocument]) -> Callable[[], QWidget]:
    """Builds the viewer when the Label screen is first shown, so start-up stays fast."""

    def create() -> QWidget:
        from ino_desk.ui.label.label_viewer import LabelViewer

        return LabelViewer(load())

    return create


def build_window(
    rules: ClinicalRules,
    store: Store,
    database_label: str,
    settings: QSettings,
    label_factory: Callable[[], QWidget] = label_placeholder,
    renderer: DocumentRenderer | None = None,
) -> MainWindow:
    desk = Desk(rules, store, database_label, renderer=renderer)
    return MainWindow(desk, settings, label_factory)


DEMO_PATIENTS = 100


def offer_first_run(
    window: MainWindow,
    settings: QSettings,
    locations: DataLocations,
    fill: Callable[[int], int] | None,
    ask: Callable[[WelcomeDialog], object] | None = None,
) -> int:
    """The welcome screen on an empty database, until dismissed once; returns demo rows added.

    `ask` runs the dialog (tests answer it without a modal loop); any way of closing it counts
    as dismissed, so it never comes back on this workstation.
    """
    if welcome_dismissed(settings):
        return 0
    store = window.desk.store
    has_any = attempt(
        window,
        QCoreApplication.translate("application", "Welcome"),
        lambda: has_patients(store) or not needs_first_administrator(store),
    )
    if has_any is not False:  # in use already, or the check failed: nothing to welcome to
        return 0
    dialog = WelcomeDialog(
        window.desk.rules.info, locations, DEMO_PATIENTS if fill else None, window
    )
    (ask or (lambda d: d.exec()))(dialog)
    settings.setValue(DISMISSED_KEY, "true")
    settings.sync()
    if not dialog.wants_demo or fill is None:
        return 0
    added = (
        attempt(
            window,
            QCoreApplication.translate("application", "Demo data"),
            lambda: fill(DEMO_PATIENTS),
        )
        or 0
    )
    if added:
        window.statusBar().showMessage(
            QCoreApplication.translate("application", "Added {0} fictional demo patients.").format(
                added
            ),
            10_000,
        )
        window.patients.search.setText(QCoreApplication.translate("application", "DEMO"))
        window.patients.run_search()
    return added


def run_gui(
    rules: ClinicalRules,
    store: Store,
    database_label: str,
    load_label: Callable[[], LabelDocument],
    fill_demo: Callable[[int], int] | None = None,
    locations: DataLocations | None = None,
    renderer: DocumentRenderer | None = None,
    snapshot: SnapshotInfo | None = None,
    refresh_snapshot: Callable[[], SnapshotInfo] | None = None,
    after_shown: Callable[[], None] | None = None,
    outage: Outage | None = None,
) -> int:
    """Run the desktop. `snapshot`: running read-only on the downtime snapshot (banner, no
    sign-in: nothing can be written, and the server's accounts cannot be checked);
    `refresh_snapshot`: on the live database, keeps this workstation's snapshot fresh;
    `outage`: the store's fall to the snapshot mid-session, and its way back (`store` itself);
    `after_shown` runs on a worker thread once the window is up (the daily backup): it must
    open its own connections and touch no widget."""
    existing = QApplication.instance()
    app = existing or QApplication(sys.argv[:1])
    if existing is None:
        apply_scheme(app)  # type: ignore[arg-type]
    if quit_requested():  # asked to quit while the start window was up: nothing to show
        close_start_window()
        return 0
    QApplication.setApplicationName("ino-desk")
    QApplication.setOrganizationName("ino-desk")
    settings = QSettings()
    window = build_window(
        rules, store, database_label, settings, label_viewer_factory(load_label), renderer
    )
    label_windows: list[QWidget] = []

    def open_label() -> None:  # readable without signing in, in its own window
        label = label_viewer_factory(load_label)()
        label.setWindowTitle(QCoreApplication.translate("application", "ino-desk — label"))
        label.resize(1100, 800)
        label.show()
        label_windows.append(label)

    downtime = DowntimeControls(window, snapshot, refresh_snapshot, outage)
    if snapshot is not None:
        window.show()
        close_start_window()
        QTimer.singleShot(0, window, lambda: log_window_shown("downtime window (mainWindow)"))
        return app.exec()
    lock = start_locked(window, store, idle_minutes(QSettings()), open_label)
    window.show()
    close_start_window()
    # Logged from the event loop (the welcome dialog's or the main one), as the first window is.
    QTimer.singleShot(0, window, lambda: log_window_shown("workstation window (mainWindow)"))
    if after_shown is not None:
        QTimer.singleShot(0, window, lambda: _in_background(after_shown))
    where = locations or DataLocations(database_label, "not known", "not known")
    offer_first_run(window, settings, where, fill_demo)
    QTimer.singleShot(0, window, lock.ask_unlock)  # inside the main loop, so a quit ends it
    if downtime.refresher is not None:
        downtime.refresher.start()  # after the first paint, in its own thread
    return app.exec()


def _in_background(work: Callable[[], None]) -> None:
    # A daemon thread: quitting never waits for it; what a quit interrupts is a temporary
    # file that the next start removes (persistence.leftovers).
    threading.Thread(target=work, name="ino-desk-after-start", daemon=True).start()
