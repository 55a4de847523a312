"""The main window; it only composes the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMainWindow

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


class MainWindow(QMainWindow):
    def __init__(self, rules: ClinicalRules) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        info = rules.info
        self.setWindowTitle(f"ino-desk — {info.brand} ({info.drug}), US PI {info.revision}")
        placeholder = QLabel(
            f"{info.brand} ({info.drug}) workstation\nLabel pack: US PI {info.revision}"
        )
        placeholder.setObjectName("placeholder")
        self.setCentralWidget(placeholder)
        self.resize(1024, 700)
