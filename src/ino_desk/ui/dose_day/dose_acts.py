"""What can be done to a dose: its reason, override, reduced dose and new date fields, the
paper time, and the buttons (given, prepare, hold, omit, move, release, entered in error,
reduce), each gated by the right the domain names for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.staff.users import Permission
from ino_desk.ui.common.paper_time import PaperTimeBox
from ino_desk.ui.common.rights import gate

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ino_desk.ui.common.desk import Desk

# What each dose button does, as the domain names the right to do it.
DOSE_BUTTON_RIGHTS = {
    "given": Permission.RECORD_DOSES,
    "held": Permission.RECORD_DOSES,
    "omitted": Permission.RECORD_DOSES,
    "reduced": Permission.RECORD_DOSES,
    "released": Permission.RECORD_DOSES,
    "move": Permission.RECORD_DOSES,
    "prepare": Permission.RECORD_PREPARATION,
    "error": Permission.MARK_ENTERED_IN_ERROR,
}


class DoseActs(QWidget):
    """`slots` maps each button's key (as in DOSE_BUTTON_RIGHTS) to what it does."""

    def __init__(
        self,
        desk: Desk,
        slots: Mapping[str, Callable[[], object]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reason = QLineEdit()
        self.override = QLineEdit()
        self.override.setPlaceholderText(self.tr("Only when a blocking gate is overridden"))
        self.reduced_mg = QLineEdit()
        self.reduced_mg.setPlaceholderText(self.tr("new dose in mg (Reduce)"))
        self.reason.setPlaceholderText(self.tr("why held, omitted, reduced or moved"))
        self.new_date = QDateEdit()
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat("yyyy-MM-dd")
        actions = QFormLayout()
        for widget, name, label in (
            (self.reason, "doseReason", self.tr("Reason:")),
            (self.override, "doseOverrideReason", self.tr("Override reason:")),
            (self.reduced_mg, "doseReducedMg", self.tr("Reduced dose (mg):")),
            (self.new_date, "doseNewDate", self.tr("Move to (in window):")),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(label.rstrip(":"))
            actions.addRow(label, widget)
        self.paper = PaperTimeBox()  # give, hold, omit, reduce, release entered from paper
        actions.addRow(self.paper)
        buttons = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        # Confirm given stands alone on the first row; the acts that change the dose sit
        # apart below it, so a slip of the pointer never turns "given" into "reduce".
        for key, text, row, column in (
            ("given", self.tr("Confirm given"), 0, 0),
            ("prepare", self.tr("Prepare…"), 0, 2),
            ("held", self.tr("Hold"), 1, 0),
            ("omitted", self.tr("Omit"), 1, 1),
            ("move", self.tr("Move date"), 1, 2),
            ("released", self.tr("Release hold"), 2, 0),
            ("error", self.tr("Entered in error…"), 2, 1),
            ("reduced", self.tr("Reduce"), 2, 2),
        ):
            button = QPushButton(text)
            button.setObjectName(f"dose_{key}_button")
            button.setAccessibleName(text)
            button.clicked.connect(slots[key])
            self.buttons[key] = button
            buttons.addWidget(button, row, column)
        for key, permission in DOSE_BUTTON_RIGHTS.items():
            gate(desk, permission, self.buttons[key])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addLayout(buttons)
