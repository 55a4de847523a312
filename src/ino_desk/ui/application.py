"""Create the QApplication and show the main window."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from ino_desk.ui.main_window import MainWindow

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.label.document import LabelDocument


def run_gui(rules: ClinicalRules, db: str | None, label: LabelDocument | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ino-desk")
    app.setOrganizationName("ino-desk")
    window = MainWindow(rules, label)
    window.show()
    return app.exec()
