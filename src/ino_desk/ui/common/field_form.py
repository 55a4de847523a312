"""A form whose fields each have a validation message right below them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ino_desk.ui.common.palette import colours_for, text_style

if TYPE_CHECKING:
    from ino_desk.domain.errors import InputError


class FieldForm(QWidget):
    """Fields are keyed by the name the domain uses in `InputError.field` (case-insensitive)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._errors: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def add_field(
        self, key: str, label: str, widget: QWidget, object_name: str, aliases: tuple[str, ...] = ()
    ) -> None:
        widget.setObjectName(object_name)
        widget.setAccessibleName(label.rstrip(":"))
        error = QLabel()
        error.setObjectName(f"{object_name}Error")
        error.setStyleSheet(text_style(colours_for(self).blocking))
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        title = QLabel(label)
        title.setBuddy(widget)
        self._layout.addRow(title, box)
        for name in (key, *aliases):
            self._errors[name.casefold()] = error
            self._widgets[name.casefold()] = widget

    def add_row(self, label: str, widget: QWidget) -> None:
        self._layout.addRow(label, widget)

    def clear_errors(self) -> None:
        for error in self._errors.values():
            error.clear()
            error.hide()

    def error_text(self, key: str) -> str:
        return self._errors[key.casefold()].text()

    def show_error(self, exc: InputError) -> bool:
        """Show the message next to its field; False when no field of this form has that name."""
        label = self._errors.get(exc.field.casefold())
        if label is None:
            return False
        label.setText(exc.message)
        label.show()
        self._widgets[exc.field.casefold()].setFocus()
        return True
