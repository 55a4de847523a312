"""A small custom-painted horizontal bar chart of the label's adverse-reaction figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ino_desk.domain.quantities import format_number
from ino_desk.ui.common.palette import colour, colours_for
from ino_desk.ui.common.typing_compat import override

if TYPE_CHECKING:
    from ino_desk.label.document import AdverseReactions

WHOLE = Decimal(100)  # bars are drawn on an honest 0-100 % scale, never stretched to the max
GRID_STEPS = 4


@dataclass(frozen=True, slots=True)
class Bar:
    name: str
    label: str  # the percentage as printed next to the bar
    rect: QRectF


class AdverseReactionChart(QWidget):
    """One bar per figure, most frequent first, each labelled with its percentage."""

    def __init__(self, data: AdverseReactions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adverseReactionChart")
        self._data = data
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(self._row_height() * 4)
        figures = "; ".join(f"{r.name} {format_number(r.percent)}%" for r in data.reactions)
        self.setAccessibleName(self.tr("Adverse reactions chart"))
        self.setAccessibleDescription(f"{self.title()}: {figures}")

    def title(self) -> str:
        d = self._data
        n = format_number(d.patients.value)
        return f"{d.study}, {d.population}, {d.grades} (n = {n}); PI {d.section}"

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 6

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        return max(metrics.horizontalAdvance(r.name) for r in self._data.reactions) + 12

    def _geometry(self) -> tuple[float, float, float]:
        """Left edge of the bars, length of a 100 % bar, top of the first row."""
        metrics = QFontMetrics(self.font())
        left = float(self._label_width())
        value_room = metrics.horizontalAdvance("100%") + 12
        span = float(max(self.width() - left - value_room - 8, 10))
        return left, span, float(self._row_height() + 8)

    def bars(self) -> list[Bar]:
        """The bars as painted at the current size (the paint code draws exactly these)."""
        row = self._row_height()
        left, span, top = self._geometry()
        bars = []
        for index, reaction in enumerate(self._data.reactions):
            length = float(reaction.percent / WHOLE) * span
            rect = QRectF(left, top + index * row + 3, length, row - 6)
            bars.append(Bar(reaction.name, f"{format_number(reaction.percent)}%", rect))
        return bars

    @override
    def sizeHint(self) -> QSize:
        rows = len(self._data.reactions) + 3  # title, axis ticks, scale note
        return QSize(self._label_width() + 360, rows * self._row_height() + 16)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = colours_for(self)  # text, grid and bars readable in the light and the dark set
        text, grid, muted = colour(c.text), colour(c.grid_line), colour(c.muted)
        painter.fillRect(self.rect(), colour(c.window))
        metrics = QFontMetrics(self.font())
        row = self._row_height()
        bars = self.bars()
        painter.setPen(text)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, row),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title(),
        )
        left, span, top = self._geometry()
        bottom = top + len(bars) * row
        painter.setPen(QPen(grid, 1))
        tick_row = QRectF(0, bottom + 2, 0, metrics.height() + 2)
        for step in range(GRID_STEPS + 1):
            x = left + span * step / GRID_STEPS
            painter.setPen(QPen(grid, 1))
            painter.drawLine(int(x), int(top), int(x), int(bottom))
            painter.setPen(muted)
            tick = f"{format_number(WHOLE * step / GRID_STEPS)}%"
            painter.drawText(
                tick_row.adjusted(x - 30, 0, x + 30, 0), Qt.AlignmentFlag.AlignCenter, tick
            )
        for bar in bars:
            painter.setPen(text)
            name_rect = QRectF(0, bar.rect.top() - 3, left - 8, row)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(name_rect, align, bar.name)
            painter.fillRect(bar.rect, colour(c.chart_bar))
            value_rect = QRectF(bar.rect.right() + 6, bar.rect.top() - 3, 80, row)
            painter.drawText(
                value_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, bar.label
            )
        painter.setPen(muted)
        patients = format_number(self._data.patients.value)
        painter.drawText(
            QRectF(left, bottom + metrics.height() + 6, self.width() - left, metrics.height() + 4),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            f"Share of all {patients} patients; the whole axis is 100%.",
        )
        painter.end()
