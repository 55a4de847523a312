"""Create the QApplication and show the main window on an open store."""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ino_desk.ui.desk import Desk
from ino_desk.ui.main_window import MainWindow

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.ports import Store


def label_placeholder() -> QWidget:
    label = QLabel("The label viewer is not part of this build yet.")
    label.setObjectName("labelPlaceholder")
    return label


def default_label_factory() -> QWidget:
    """The label viewer when its module is present; imported only when first shown."""
    try:
        module = importlib.import_module("ino_desk.ui.views.label_page")
    except ImportError:
        return label_placeholder()
    factory: Callable[[], QWidget] = module.create_label_page
    return factory()


def build_window(
    rules: ClinicalRules,
    store: Store,
    database_label: str,
    settings: QSettings,
    label_factory: Callable[[], QWidget] = default_label_factory,
) -> MainWindow:
    desk = Desk(rules, store, database_label)
    return MainWindow(desk, settings, label_factory)


def run_gui(rules: ClinicalRules, store: Store, database_label: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setApplicationName("ino-desk")
    QApplication.setOrganizationName("ino-desk")
    window = build_window(rules, store, database_label, QSettings())
    window.show()
    return app.exec()
