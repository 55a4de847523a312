"""The frame of every dialog that records one fact: a FieldForm, a line for errors without a
field, Save and Cancel; a value outside the plausible ranges is read back for confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.patients.plausibility import ImplausibleError
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.field_form import FieldForm
from ino_desk.ui.common.palette import colours_for
from ino_desk.ui.common.plausibility import confirm_implausible
from ino_desk.ui.common.typing_compat import override
from ino_desk.ui.common.window_memory import fit_to_screen

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QShowEvent

    from ino_desk.ui.common.desk import Desk


def date_edit() -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class FormArea(QScrollArea):
    """The form, scrolling when the screen is shorter than it: Site settings is 675 px tall
    and put Save and Cancel below a 1024×600 screen (seen under Xvfb, issue 16). It asks for
    the whole form, so a tall screen shows it all; the window is then kept on the screen."""

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        self.form = form
        self.setObjectName("recordFormArea")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(form)

    @override
    def sizeHint(self) -> QSize:
        inner = self.form.sizeHint()
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width(), inner.height())

    @override
    def minimumSizeHint(self) -> QSize:
        """As wide as the form needs (it only scrolls down), as short as a few rows."""
        width = self.form.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(width, super().minimumSizeHint().height())


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
        self._fitted = False
        self.general_error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(FormArea(self.form), 1)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    @override
    def showEvent(self, event: QShowEvent) -> None:
        """Opened without a size of its own: the whole form if the screen has room, else as
        much as the screen shows (Qt alone stops a window at two thirds of the screen)."""
        if not self._fitted and not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            hint = self.sizeHint()
            fit_to_screen(self, hint.width(), hint.height())
        self._fitted = True
        super().showEvent(event)

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
