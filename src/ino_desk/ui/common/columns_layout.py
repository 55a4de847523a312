"""Two columns side by side when there is room, one above the other when there is not.

The direction is chosen in the layout's own setGeometry, with the rectangle it is about to
fill: chosen later (in the widget's resizeEvent) the layout had already placed its children
for the old direction at the new size, and one squeezed frame was drawn before it was laid
out again (issue 16).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QBoxLayout, QWidget

from ino_desk.ui.common.typing_compat import override

if TYPE_CHECKING:
    from PySide6.QtCore import QRect


class ColumnsLayout(QBoxLayout):
    def __init__(self, two_columns_from: int, parent: QWidget | None = None) -> None:
        super().__init__(QBoxLayout.Direction.LeftToRight, parent)
        self.two_columns_from = two_columns_from  # px of width

    @override
    def setGeometry(self, rect: QRect) -> None:
        wide = rect.width() >= self.two_columns_from
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.direction() != direction:
            self.setDirection(direction)
        super().setGeometry(rect)
