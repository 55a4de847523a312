"""Two columns of boxes in a scroll area that only scrolls down: the columns shrink to the
width (their labels wrap), so nothing is ever cut off at the side on a small screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from collections.abc import Sequence


def scrolling_columns(*columns: Sequence[QWidget]) -> QScrollArea:
    row = QHBoxLayout(content := QWidget())
    for boxes in columns:
        column = QVBoxLayout()
        for box in boxes:
            column.addWidget(box)
        column.addStretch(1)
        row.addLayout(column, 1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll
