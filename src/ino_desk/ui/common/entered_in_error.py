"""Marking a row "entered in error": a confirmation that names the record and asks why, and
the struck-through look of a marked row. The service decides who may and what follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
)

from ino_desk.ui.common.errors import attempt
from ino_desk.ui.common.palette import colour, colours_for

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget

    from ino_desk.domain.patients.corrections import EnteredInError

    # What a row offers: the record named in words, and the use case marking it with a reason.
    Target = tuple[str, Callable[[str], object]]


class EnteredInErrorDialog(QDialog):
    """Names the record, asks the reason; Enter never marks (the button is not a default)."""

    def __init__(self, target: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enteredInErrorDialog")
        self.setWindowTitle(self.tr("Mark entered in error"))
        text = QLabel(
            self.tr(
                "Mark as entered in error: {0}\n\nThe record stays, struck through, and stops "
                "counting for the rules. Say why it is wrong."
            ).format(target)
        )
        text.setObjectName("enteredInErrorTarget")
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("enteredInErrorReason")
        self.reason.setAccessibleName(self.tr("Reason it is wrong"))
        self.reason.setPlaceholderText(self.tr("e.g. typed into the wrong patient"))
        buttons = QDialogButtonBox()
        self.mark = QPushButton(self.tr("Mark entered in error"))
        self.mark.setObjectName("enteredInErrorConfirm")
        self.mark.setAutoDefault(False)
        self.mark.setDefault(False)
        self.mark.setEnabled(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        buttons.addButton(self.mark, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda t: self.mark.setEnabled(bool(t.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

    def keyPressEvent(self, event: object) -> None:
        # A scanner's or a hurried Enter must not mark anything: only a click or Space does.
        key = getattr(event, "key", lambda: None)()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]


def ask_and_mark(parent: QWidget, target: Target, done: Callable[[], None]) -> bool:
    """Confirm with the record named, then mark it; a refusal is shown, never a traceback."""
    name, mark = target
    dialog = EnteredInErrorDialog(name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    reason = dialog.reason.text()
    marked = (
        attempt(
            parent,
            QCoreApplication.translate("entered_in_error", "Mark entered in error"),
            lambda: mark(reason),
        )
        is not None
    )
    if marked:
        done()
    return marked


def offer_on_rows(
    table: QTableWidget, target_of: Callable[[int], Target | None], done: Callable[[], None]
) -> None:
    """A context menu on each row whose record can still be marked."""
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu(at: QPoint) -> None:
        row = table.rowAt(at.y())
        target = target_of(row) if row >= 0 else None
        if target is None:
            return
        popup = QMenu(table)
        action = popup.addAction(
            QCoreApplication.translate("entered_in_error", "Entered in error: {0}…").format(
                target[0]
            )
        )
        if popup.exec(table.viewport().mapToGlobal(at)) is action:
            ask_and_mark(table, target, done)

    table.customContextMenuRequested.connect(menu)


def offer_on_widget(widget: QWidget, target: Target, done: Callable[[], None]) -> None:
    """A context menu on one widget showing a record (a checklist tick's note)."""
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu(at: QPoint) -> None:
        popup = QMenu(widget)
        action = popup.addAction(
            QCoreApplication.translate("entered_in_error", "Entered in error: {0}…").format(
                target[0]
            )
        )
        if popup.exec(widget.mapToGlobal(at)) is action:
            ask_and_mark(widget, target, done)

    widget.customContextMenuRequested.connect(menu)


def strike(item: QTableWidgetItem, mark: EnteredInError | None, widget: QWidget) -> None:
    """A marked record: struck through, muted, the mark's note as its tooltip."""
    if mark is None:
        return
    font = item.font()
    font.setStrikeOut(True)
    item.setFont(font)
    item.setForeground(QBrush(colour(colours_for(widget).muted)))
    item.setToolTip(mark.note)
