"""Name who ordered a dose's cycle: needed before its order is verified (cycles planned
before the prescriber was recorded), or a correction with its reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit

from ino_desk.services.planning.cycles import record_prescriber_of_dose
from ino_desk.ui.common.record_dialog import RecordDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ino_desk.ui.common.desk import Desk


class PrescriberDialog(RecordDialog):
    def __init__(self, desk: Desk, dose_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, self.tr("Prescriber of this cycle"), "prescriberDialog", parent)
        self.dose_id = dose_id
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.ident = QLineEdit()
        self.ident.setMaxLength(40)
        self.ident.setPlaceholderText(self.tr("NPI or licence number"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("for a correction"))
        f = self.form
        f.add_field("prescriber", self.tr("Prescriber:"), self.name, "prescriberName")
        f.add_field("prescriber ID", self.tr("Prescriber ID:"), self.ident, "prescriberId")
        f.add_field("reason", self.tr("Reason:"), self.reason, "prescriberReason")

    def save(self) -> None:
        self.run(
            lambda: record_prescriber_of_dose(
                self.desk.store,
                self.dose_id,
                self.name.text(),
                self.ident.text(),
                self.desk.who(),
                self.reason.text(),
            )
        )
