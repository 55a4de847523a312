"""The word-wrapped text of a check box: a QCheckBox never wraps its own text, so a long
checklist item was cut off at 1280 wide. The box keeps the keyboard (Tab, Space); a click on
the text acts as a click on the box, as it would on the box's own text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent


class CheckTitle(QLabel):
    """Plain text (a title is data, never markup); no focus of its own, so Tab moves from box
    to box and no Enter acts on it."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.box = box
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setBuddy(box)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        box = self.box
        # A box that ignores the mouse (a signed tick, never taken back) ignores it here too.
        if (
            event.button() == Qt.MouseButton.LeftButton
            and box.isEnabled()
            and not box.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        ):
            box.click()
        super().mouseReleaseEvent(event)
