"""Two columns side by side when there is room, one above the other when there is not.

The direction is chosen in the layout's own setGeometry, with the rectangle it is about to
fill: chosen later (in the widget's resizeEvent) the layout had already placed its children
for the old direction at the new size, and one squeezed frame was drawn before it was laid
out again (issue 16). Side by side needs `two_columns_from` pixels and at least the columns'
own minimum widths; the layout asks only for the widest column's width, so a scroll area or
a splitter can make it narrow enough to stack (the cycle plan's fields stayed side by side,
cut off, at 1024×600).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QBoxLayout, QWidget

from ino_desk.ui.common.typing_compat import override

if TYPE_CHECKING:
    from PySide6.QtCore import QRect


class ColumnsLayout(QBoxLayout):
    def __init__(self, two_columns_from: int, parent: QWidget | None = None) -> None:
        super().__init__(QBoxLayout.Direction.LeftToRight, parent)
        self.two_columns_from = two_columns_from  # px of width

    def _widths(self) -> list[int]:
        items = (self.itemAt(i) for i in range(self.count()))
        return [item.minimumSize().width() for item in items if item is not None]

    def _margins(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right()

    @override
    def minimumSize(self) -> QSize:
        """As narrow as the widest column: narrower than both side by side, they stack."""
        width = max(self._widths(), default=0) + self._margins()
        return QSize(width, super().minimumSize().height())

    @override
    def setGeometry(self, rect: QRect) -> None:
        widths = self._widths()
        side_by_side = sum(widths) + self.spacing() * max(len(widths) - 1, 0) + self._margins()
        wide = rect.width() >= max(self.two_columns_from, side_by_side)
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.direction() != direction:
            self.setDirection(direction)
        super().setGeometry(rect)
