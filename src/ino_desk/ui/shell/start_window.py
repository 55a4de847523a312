"""The window shown the moment Qt is up, before the database opens and the workstation is
built: the pharmacist sees ino-desk start at once, and no patient data can be on it (it
shows only the product's name). The workstation's main window replaces it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

START_WINDOW = "startWindow"


class StartWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName(START_WINDOW)
        self.setWindowTitle(self.tr("ino-desk"))
        message = QLabel(self.tr("ino-desk is starting: opening the database…"), self)
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(message)
        self.resize(1024, 600)  # the smallest screen the workstation supports


def show_start_window() -> QWidget | None:
    """Show the start window and paint it now; None without a QApplication (tests that
    start the app without Qt)."""
    app = QApplication.instance()
    if app is None:
        return None
    window = StartWindow()
    window.show()
    app.processEvents()
    return window


def close_start_window() -> None:
    """Close the start window, once the main window (or a start problem's dialog) shows."""
    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == START_WINDOW:
            widget.close()
            widget.deleteLater()
