"""The work queue's state buttons wrap on a narrow screen instead of widening the window
(issue 16: at 1.5× on 1280×800 the window was wider than the screen)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

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
