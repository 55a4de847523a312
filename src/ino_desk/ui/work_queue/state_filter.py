"""A row of buttons, one per work state with how many doses are in it; one chosen at a time.
The row wraps when the screen is narrow (FlowLayout)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QPushButton, QWidget

from ino_desk.services.planning.work_queue import WorkState
from ino_desk.ui.common.flow_layout import FlowLayout
from ino_desk.ui.work_queue.work_queue import state_name

if TYPE_CHECKING:
    from collections.abc import Mapping

ALL = "all"


class StateFilter(QWidget):
    """`chosen` is the state shown, or None for every state; `changed` says it moved."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateFilter")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        row = FlowLayout(self)
        for key in (ALL, *WorkState):
            button = QPushButton()
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setObjectName(f"stateButton_{key.replace(' ', '_')}")
            self.group.addButton(button)
            self.buttons[key] = button
            row.addWidget(button)
        self.buttons[ALL].setChecked(True)
        self.group.buttonToggled.connect(self._toggled)
        self.set_counts(dict.fromkeys(WorkState, 0))

    def _toggled(self, _button: QPushButton, on: bool) -> None:
        if on:  # the button left emits too, unchecked: one change, one signal
            self.changed.emit()

    @property
    def chosen(self) -> WorkState | None:
        for key, button in self.buttons.items():
            if button.isChecked() and key != ALL:
                return WorkState(key)
        return None

    def choose(self, state: WorkState | None) -> None:
        self.buttons[ALL if state is None else state].setChecked(True)

    def set_counts(self, counts: Mapping[WorkState, int]) -> None:
        total = sum(counts.values())
        self.buttons[ALL].setText(self.tr("All %n", "", total))
        self.buttons[ALL].setAccessibleName(self.tr("Every state: %n doses", "", total))
        for state in WorkState:
            count = counts.get(state, 0)
            button = self.buttons[state]
            button.setText(f"{state_name(state)} {count}")
            button.setAccessibleName(
                self.tr("%1: %n doses", "", count).replace("%1", state_name(state))
            )
