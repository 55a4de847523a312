"""Layouts that give way on a small screen (issue 16): the work queue's state buttons wrap
instead of widening the window (at 1.5× on 1280×800 it was wider than the screen), and two
columns stack when narrower than both."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ino_desk.ui.common.columns_layout import ColumnsLayout
from ino_desk.ui.common.flow_layout import FlowLayout
from ino_desk.ui.work_queue.state_filter import StateFilter


def test_items_wrap_and_the_height_follows_the_width(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    flow = FlowLayout(box)
    buttons = [QPushButton(f"State number {n}") for n in range(6)]
    for button in buttons:
        flow.addWidget(button)
    one_line = flow.sizeHint()
    widest = max(b.sizeHint().width() for b in buttons)
    assert flow.minimumSize().width() == widest
    assert flow.heightForWidth(one_line.width()) == one_line.height()
    narrow = widest + 10
    assert flow.heightForWidth(narrow) >= 6 * one_line.height()  # one button per line
    flow.setGeometry(box.rect().adjusted(0, 0, narrow - box.width(), 0))
    assert all(b.x() == 0 for b in buttons)
    assert [b.y() for b in buttons] == sorted({b.y() for b in buttons})


def test_the_state_filter_asks_no_more_width_than_its_widest_button(qtbot: QtBot) -> None:
    states = StateFilter()
    qtbot.addWidget(states)
    widest = max(b.sizeHint().width() for b in states.buttons.values())
    assert states.minimumSizeHint().width() <= widest
    assert states.sizeHint().width() > 4 * widest  # on one line when there is room


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_two_columns_stack_below_their_own_widths(qtbot: QtBot) -> None:
    """The columns layout asks only for its widest column, so it can be made narrow enough to
    stack; side by side needs both columns' minimum widths (issue 16: the cycle plan's fields
    stayed side by side, cut off, at 1024×600)."""
    box = QWidget()
    qtbot.addWidget(box)
    columns = ColumnsLayout(100, box)
    columns.setContentsMargins(0, 0, 0, 0)
    left, right = QPushButton("A left column " * 3), QPushButton("A right column " * 3)
    columns.addWidget(left)
    columns.addWidget(right)
    widest = max(left.minimumSizeHint().width(), right.minimumSizeHint().width())
    both = left.minimumSizeHint().width() + right.minimumSizeHint().width() + columns.spacing()
    assert columns.minimumSize().width() == widest
    box.resize(both - 1, 400)
    box.show()
    columns.setGeometry(box.rect())
    assert columns.direction() == QBoxLayout.Direction.TopToBottom
    assert right.y() >= left.geometry().bottom()
    box.resize(both + 10, 400)
    columns.setGeometry(box.rect())
    assert columns.direction() == QBoxLayout.Direction.LeftToRight
    assert right.x() >= left.geometry().right()
