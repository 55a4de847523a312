"""The section text above the adverse-reaction chart; the chart shows only with its section
and takes at most a share of the height, scrolling rather than squeezing its bars."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

if TYPE_CHECKING:
    from ino_desk.ui.label.adverse_reaction_chart import AdverseReactionChart

CHART_SECTION = "6"
CHART_SHARE = 0.6  # at most this share of the reading height goes to the chart


class ChartSplitter(QSplitter):
    def __init__(self, text: QWidget, chart: AdverseReactionChart) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self.chart = chart
        chart.setMinimumHeight(chart.sizeHint().height())
        # On a small bedside screen the chart scrolls rather than squeezing its bars.
        self.chart_area = QScrollArea()
        self.chart_area.setObjectName("chartArea")
        self.chart_area.setWidget(chart)
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setFrameShape(QFrame.Shape.NoFrame)
        self.addWidget(text)
        self.addWidget(self.chart_area)
        self.setChildrenCollapsible(False)

    def show_chart(self, visible: bool) -> None:
        was_visible = self.chart_area.isVisible()
        self.chart_area.setVisible(visible)
        if visible and not was_visible:
            total = max(sum(self.sizes()), self.height())
            wanted = self.chart.sizeHint().height() + 2
            chart = min(wanted, int(total * CHART_SHARE))
            self.setSizes([total - chart, chart])
