"""A field for a keyboard-wedge scanner: the code ends with Enter (or Tab), and that key does
the scan and nothing else.

A plain QLineEdit lets Enter travel on to the dialog, which presses its default button: at
the bench that was "Add vial by hand", whose refusal ("lot is required") overwrote the scan's
own verdict. Here the key is consumed; the dialogs also have no implicit default button
(`no_default_buttons`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPushButton

from ino_desk.ui.common.typing_compat import override

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

_ENDS_A_SCAN = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}


class ScanField(QLineEdit):
    """Emits `scanned(text)` when the scanner's terminating key arrives, then clears itself."""

    scanned = Signal(str)

    @override
    def event(self, event: QEvent) -> bool:
        # Tab is taken by focus handling before keyPressEvent sees it, so look here.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _ENDS_A_SCAN
        ):
            text = self.text()
            self.clear()  # ready for the next vial whatever happens
            if text.strip():
                self.scanned.emit(text)
            event.accept()
            return True
        return super().event(event)


def no_default_buttons(root: QWidget) -> None:
    """No button of `root` is pressed by an Enter typed elsewhere (QDialog's autoDefault)."""
    for button in root.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)
