"""Every input of every screen and dialog has a stable objectName and an accessible name."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.ui.cycles.course_dialog import CourseDialog
from ino_desk.ui.patients.patient_dialog import PatientDialog
from ino_desk.ui.patients.record_dialogs import LabDialog, MeasurementDialog
from ino_desk.ui.settings.settings_dialog import SettingsDialog
from ino_desk.ui.shell.main_window import MainWindow

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractButton, QPlainTextEdit)


def _inside_composite(widget: QWidget) -> bool:
    ancestor = widget.parentWidget()
    while ancestor is not None:
        if isinstance(ancestor, (QComboBox, QAbstractSpinBox, QAbstractItemView, QLineEdit)):
            return True
        ancestor = ancestor.parentWidget()
    return False


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, (*INPUTS, QAbstractItemView)):
            continue
        parent = widget.parentWidget()
        # Parts Qt builds inside a composite widget (a combo's line edit, a date edit's
        # buttons, a dialog button box's buttons, a table's corner button) are named by it.
        if _inside_composite(widget):
            continue
        if widget.objectName().startswith("qt_") or type(widget).__name__ == "QDialogButtonBox":
            continue
        if parent is not None and type(parent).__name__ in {"QDialogButtonBox", "QTabBar"}:
            continue
        if not widget.objectName() or not widget.accessibleName():
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}")
    return missing


def test_every_input_is_named(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    assert _unnamed(window) == []
    for dialog in (
        PatientDialog(window.desk, None, window),
        MeasurementDialog(window.desk, 1, window),
        LabDialog(window.desk, 1, window),
        CourseDialog(window.desk, 1, window),
        SettingsDialog(window.desk, window),
    ):
        assert _unnamed(dialog) == [], type(dialog).__name__
