"""Quit with a bag on the clock: the bag is stored, but its preparer must know it stays
unsaved, and may stay."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def may_quit_with_open_bags(window: QWidget) -> bool:
    from ino_desk.ui.bench.prepare_view import PrepareDialog  # loaded with the bench

    open_bags = [
        d for d in window.findChildren(PrepareDialog) if d.isVisible() and d.bag_in_progress()
    ]
    if not open_bags:
        return True
    names = "; ".join(d.patient.text() for d in open_bags)
    answer = QMessageBox.warning(
        window,
        QCoreApplication.translate("MainWindow", "A bag is being prepared"),
        QCoreApplication.translate(
            "MainWindow", "A reconstituted bag is not saved yet: %1. Quit anyway?"
        ).replace("%1", names),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
