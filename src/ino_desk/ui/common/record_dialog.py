"""The frame of every dialog that records one fact: a FieldForm, a line for errors without a
field, Save and Cancel; a value outside the plausible ranges is read back for confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.patients.plausibility import ImplausibleError
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.field_form import FieldForm
from ino_desk.ui.common.palette import colours_for
from ino_desk.ui.common.plausibility import confirm_implausible

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.ui.common.desk import Desk


def date_edit() -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class RecordDialog(QDialog):
    """Shared frame: a FieldForm, a line for errors without a field, Save and Cancel."""

    def __init__(self, desk: Desk, title: str, object_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.form = FieldForm()
        self.general_error = QLabel()
        self.general_error.setObjectName(f"{object_name}Error")
        self.general_error.setStyleSheet(f"color: {colours_for(self).blocking}")
        self.confirmed = False  # outside the plausible ranges or a weight change, read back
        self.general_error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def run(self, action: Callable[[], object]) -> None:
        self.form.clear_errors()
        self.general_error.clear()
        self.confirmed = False
        try:
            try:
                action()
            except ImplausibleError as exc:
                if not confirm_implausible(self, exc):
                    self.form.show_error(exc)
                    return
                self.confirmed = True  # read back and confirmed: save it, audited as such
                action()
        except InputError as exc:
            if not self.form.show_error(exc):
                self.general_error.setText(f"{exc.field}: {exc.message}")
            return
        except (DomainError, StoreError) as exc:
            self.general_error.setText(str(exc))
            return
        self.accept()

    def save(self) -> None:  # pragma: no cover - each dialog defines it
        raise NotImplementedError
