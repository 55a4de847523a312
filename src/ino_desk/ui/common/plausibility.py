"""A value outside the site's plausible ranges read back for a confirmation, and the unit
choices of the measurement dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit

    from ino_desk.domain.patients.plausibility import ImplausibleError


def confirm_implausible(parent: QWidget, exc: ImplausibleError) -> bool:
    """Each value read back with its plausible range; "Correct it" is the default answer."""
    lines = "\n".join(f"• {found.message}" for found in exc.found)
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("plausibility", "Check the values"),
        QCoreApplication.translate("plausibility", "{0}\n\nSave these values as typed?").format(
            lines
        ),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Save


def unit_choice(metric: str, imperial: str, object_name: str) -> QComboBox:
    """Metric first (data False); the imperial unit converts when read (data True)."""
    box = QComboBox()
    box.setObjectName(object_name)
    box.setAccessibleName(
        QCoreApplication.translate("plausibility", "Unit: {0} or {1}").format(metric, imperial)
    )
    box.addItem(metric, False)
    box.addItem(imperial, True)
    return box


def with_unit(edit: QLineEdit, unit: QComboBox) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(unit)
    return row
