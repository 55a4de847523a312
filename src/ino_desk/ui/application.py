"""Create the QApplication and show the main window on an open store."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from ino_desk.services.queries import has_patients
from ino_desk.ui.desk import Desk
from ino_desk.ui.errors import attempt
from ino_desk.ui.main_window import MainWindow
from ino_desk.ui.session import idle_minutes, start_locked

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.label.document import LabelDocument
    from ino_desk.services.ports import Store


def label_placeholder() -> QWidget:
    label = QLabel("The label viewer could not be loaded.")
    label.setObjectName("labelPlaceholder")
    return label


def label_viewer_factory(load: Callable[[], LabelDocument]) -> Callable[[], QWidget]:
    """Builds the viewer when the Label screen is first shown, so start-up stays fast."""

    def create() -> QWidget:
        from ino_desk.ui.views.label_viewer import LabelViewer

        return LabelViewer(load())

    return create


def build_window(
    rules: ClinicalRules,
    store: Store,
    database_label: str,
    settings: QSettings,
    label_factory: Callable[[], QWidget] = label_placeholder,
) -> MainWindow:
    desk = Desk(rules, store, database_label)
    return MainWindow(desk, settings, label_factory)


DEMO_PATIENTS = 100


def offer_demo_data(window: MainWindow, fill: Callable[[int], int]) -> int:
    """Ask, on a database without patients, whether to add clearly fictional ones."""
    answer = QMessageBox.question(
        window,
        "Empty database",
        f"This database has no patients. Add {DEMO_PATIENTS} clearly fictional demo patients "
        "(MRN DEMO…) to try the workstation? Do not do this on a database for real patients.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return 0
    added = attempt(window, "Demo data", lambda: fill(DEMO_PATIENTS)) or 0
    if added:
        window.statusBar().showMessage(f"Added {added} fictional demo patients.", 10_000)
        window.patients.search.setText("DEMO")
        window.patients.run_search()
    return added


def run_gui(
    rules: ClinicalRules,
    store: Store,
    database_label: str,
    load_label: Callable[[], LabelDocument],
    fill_demo: Callable[[int], int] | None = None,
) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setApplicationName("ino-desk")
    QApplication.setOrganizationName("ino-desk")
    window = build_window(
        rules, store, database_label, QSettings(), label_viewer_factory(load_label)
    )
    label_windows: list[QWidget] = []

    def open_label() -> None:  # readable without signing in, in its own window
        label = label_viewer_factory(load_label)()
        label.setWindowTitle("ino-desk — label")
        label.resize(1100, 800)
        label.show()
        label_windows.append(label)

    lock = start_locked(window, store, idle_minutes(QSettings()), open_label)
    window.show()
    has_any = attempt(window, "Demo data", lambda: has_patients(store))
    if fill_demo is not None and has_any is False:  # None: the check failed, do not offer
        offer_demo_data(window, fill_demo)
    QTimer.singleShot(0, window, lock.ask_unlock)  # inside the main loop, so a quit ends it
    return app.exec()
