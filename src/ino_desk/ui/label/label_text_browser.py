"""A read-only text browser that shows where each clinical number comes from on hover."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QTextBrowser, QToolTip

from ino_desk.ui.common.typing_compat import override


class LabelTextBrowser(QTextBrowser):
    """Values carry their citation ("PI 2.4, unconfirmed: ...") as a tooltip."""

    def tool_tip_at(self, viewport_pos: QPoint) -> str:
        cursor = self.cursorForPosition(viewport_pos)
        tip = cursor.charFormat().toolTip()
        if not tip:  # the format before the cursor may be plain text: look one further
            cursor.movePosition(cursor.MoveOperation.NextCharacter)
            tip = cursor.charFormat().toolTip()
        return tip

    @override
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tool_tip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)
