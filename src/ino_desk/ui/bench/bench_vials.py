"""The bench's vial box: scan a vial's GS1 code, or enter lot and expiry by hand with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton

from ino_desk.services.preparing.bench_vials import enter_vial_manually, scan_vial
from ino_desk.ui.bench.bench_corrections import BenchCorrections, vial_line
from ino_desk.ui.common.dates import typed_date
from ino_desk.ui.common.scan_field import ScanField

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from ino_desk.services.preparing.bench import BenchDose
    from ino_desk.ui.common.desk import Desk


class BenchVialsBox(QGroupBox):
    """Each action goes through `run`, which shows a refusal and refreshes the screen."""

    def __init__(
        self,
        desk: Desk,
        dose_id: int,
        today: Callable[[], date],
        run: Callable[[Callable[[], object]], bool],
    ) -> None:
        super().__init__(QCoreApplication.translate("BenchVialsBox", "Vials"))
        self.desk, self.dose_id, self.today, self.run = desk, dose_id, today, run
        form = QFormLayout(self)
        self.scan = ScanField()
        self.scan.setObjectName("vialScan")
        self.scan.setAccessibleName(self.tr("Vial scan"))
        self.scan.setPlaceholderText(self.tr("scan the vial's 2D code here"))
        self.scan.scanned.connect(self.scan_entered)
        form.addRow(self.tr("Scan:"), self.scan)
        self.manual_lot = QLineEdit()
        self.manual_lot.setObjectName("manualLot")
        # Empty until typed from the vial: a date that starts at today would record a vial
        # as expiring today when the field is overlooked.
        self.manual_expiry = QLineEdit()
        self.manual_expiry.setObjectName("manualExpiry")
        self.manual_expiry.setPlaceholderText(self.tr("YYYY-MM-DD, as printed on the vial"))
        self.manual_expiry.setMaxLength(10)
        self.manual_reason = QLineEdit()
        self.manual_reason.setObjectName("manualReason")
        self.manual_reason.setPlaceholderText(self.tr("why the code could not be scanned"))
        self.add_manual = QPushButton(self.tr("Add vial by hand"))
        self.add_manual.setObjectName("addManualVial")
        self.add_manual.clicked.connect(self.manual_entered)
        form.addRow(self.tr("Lot (by hand):"), self.manual_lot)
        form.addRow(self.tr("Expiry (by hand):"), self.manual_expiry)
        form.addRow(self.tr("Reason:"), self.manual_reason)
        form.addRow(self.add_manual)
        self.recorded = QLabel()
        self.recorded.setObjectName("prepareVials")
        self.recorded.setWordWrap(True)
        form.addRow(self.recorded)
        self.corrections = BenchCorrections(desk, run)
        form.addRow(self.corrections)

    def show_vials(self, state: BenchDose) -> None:
        needed = state.preparation.vials
        lines = [vial_line(v) for v in state.vials]
        counted = len(state.vials_in_force)
        self.recorded.setText(
            self.tr("Vials recorded ({0} of {1}):").format(counted, needed)
            + "<br>"
            + "<br>".join(lines)
            if lines
            else self.tr("No vial recorded yet ({0} needed).").format(needed)
        )
        self.corrections.show_state(state)

    def scan_entered(self, typed: str) -> None:
        self.run(
            lambda: scan_vial(
                self.desk.store,
                self.desk.rules,
                self.dose_id,
                typed,
                self.desk.who(),
                self.today(),
            )
        )

    def manual_entered(self) -> None:
        if self.run(
            lambda: enter_vial_manually(
                self.desk.store,
                self.desk.rules,
                self.dose_id,
                self.manual_lot.text(),
                typed_date("vial expiry", self.manual_expiry.text()),
                self.manual_reason.text(),
                self.desk.who(),
                self.today(),
            )
        ):
            self.manual_lot.clear()
            self.manual_expiry.clear()
            self.manual_reason.clear()
