"""The second person's blind entry at the bench: dose, volume, vials and lot, then the verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from ino_desk.domain.accounts import SignInOutcome
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.quantities import parse_decimal
from ino_desk.domain.signatures import CheckedFigures
from ino_desk.services.bench import record_double_check
from ino_desk.services.ports import StoreError
from ino_desk.services.sign_in import authenticate
from ino_desk.ui.errors import describe

if TYPE_CHECKING:
    from ino_desk.domain.bench_check import BenchDoubleCheck
    from ino_desk.ui.desk import Desk

MAX_VIALS = 99  # far above any dose; only catches typing accidents


class BenchDoubleCheckBox(QGroupBox):
    """Empty fields, never pre-filled: the checker must not see the preparer's figures."""

    checked = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Independent double check (second person)", parent)
        self.setObjectName("benchDoubleCheck")
        self.desk = desk
        self.dose_id: int | None = None
        self.last: BenchDoubleCheck | None = None
        self.checker = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.dose_mg = QLineEdit()
        self.volume_ml = QLineEdit()
        self.vials = QLineEdit()
        self.lot = QLineEdit()
        form = QFormLayout(self)
        for widget, name, label in (
            (self.checker, "checkCheckerName", "Checker's user name:"),
            (self.password, "checkCheckerPassword", "Checker's password:"),
            (self.dose_mg, "checkDoseMg", "Dose (mg):"),
            (self.volume_ml, "checkVolumeMl", "Drug volume drawn (mL):"),
            (self.vials, "checkVials", "Vials used:"),
            (self.lot, "checkLot", "Lot:"),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.button = QPushButton("Record double check")
        self.button.setObjectName("recordDoubleCheck")
        self.button.clicked.connect(self.record)
        self.verdict = QLabel()
        self.verdict.setObjectName("doubleCheckVerdict")
        self.verdict.setWordWrap(True)
        form.addRow(self.button)
        form.addRow(self.verdict)

    def set_dose(self, dose_id: int) -> None:
        self.dose_id = dose_id

    def _entered(self) -> CheckedFigures:
        vials = parse_decimal(self.vials.text(), "vials used")
        if vials != vials.to_integral_value() or not 1 <= vials <= MAX_VIALS:
            raise InputError("vials used", f"a whole number from 1 to {MAX_VIALS}")
        return CheckedFigures(
            parse_decimal(self.dose_mg.text(), "dose (mg)"),
            parse_decimal(self.volume_ml.text(), "drug volume drawn (mL)"),
            int(vials),
            self.lot.text().strip() or None,
        )

    def record(self) -> None:
        if self.dose_id is None:
            return
        try:
            entered = self._entered()
            preparer = self.desk.who()
            if not self.password.text():
                raise InputError("checker's password", "the checker types their own password")
            # The checker signs with their own password at this moment (21 CFR 11.200).
            checker = authenticate(
                self.desk.store,
                self.checker.text(),
                self.password.text(),
                success=SignInOutcome.SIGNATURE_PASSWORD,
            )
            if checker.id == preparer.id:
                raise InputError("checker's user name", "the double check needs a second person")
            result = record_double_check(
                self.desk.store, self.desk.rules, self.dose_id, entered, checker
            )
        except (DomainError, StoreError) as exc:
            self.verdict.setStyleSheet("color: #b00020")
            self.verdict.setText(describe(exc))
            return
        finally:
            self.password.clear()  # a signature is one act; the password never lingers
        self.last = result
        if result.agrees:
            self.verdict.setStyleSheet("color: #1b5e20")
            self.verdict.setText(f"Double check agrees (by {result.checked_by}); recorded.")
        else:
            self.verdict.setStyleSheet("color: #b00020; font-weight: bold")
            self.verdict.setText(
                "MISMATCH in " + ", ".join(result.mismatches) + ": recorded. Stop, find the "
                "cause, and check again before the bag leaves the bench."
            )
        self.checked.emit()
