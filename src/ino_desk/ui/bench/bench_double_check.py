"""The independent double check at the bench: a second pharmacist signs with their password
after entering dose, volume drawn, vials and lot blind; agreeing figures are the signature."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.quantities import parse_decimal
from ino_desk.domain.staff.signatures import CheckedFigures
from ino_desk.services.staff.signing import double_check
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.errors import describe
from ino_desk.ui.common.palette import colours_for, text_style
from ino_desk.ui.common.paper_time import PaperTimeBox

if TYPE_CHECKING:
    from ino_desk.services.staff.signing import DoubleCheckResult
    from ino_desk.ui.common.desk import Desk

MAX_VIALS = 99  # far above any dose; only catches typing accidents


class BenchDoubleCheckBox(QGroupBox):
    """Empty fields, never pre-filled: the checker must not see the preparer's figures."""

    checked = Signal()

    def __init__(self, desk: Desk, dose_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate(
                "BenchDoubleCheckBox", "Independent double check (second pharmacist signs)"
            ),
            parent,
        )
        self.setObjectName("benchDoubleCheck")
        self.desk, self.dose_id = desk, dose_id
        self.last: DoubleCheckResult | None = None
        self.checker = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.dose_mg = QLineEdit()
        self.volume_ml = QLineEdit()
        self.vials = QLineEdit()
        self.lot = QLineEdit()
        form = QFormLayout(self)
        for widget, name, label in (
            (self.dose_mg, "checkDoseMg", self.tr("Dose (mg):")),
            (self.volume_ml, "checkVolumeMl", self.tr("Volume drawn (mL):")),
            (self.vials, "checkVials", self.tr("Vials used:")),
            (self.lot, "checkLot", self.tr("Lot on the vial:")),
            (self.checker, "checkCheckerName", self.tr("Checker's user name:")),
            (self.password, "checkCheckerPassword", self.tr("Checker's password:")),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.paper = PaperTimeBox()  # a check signed on paper during a downtime
        form.addRow(self.paper)
        self.button = QPushButton(self.tr("Sign double check"))
        self.button.setObjectName("recordDoubleCheck")
        self.button.clicked.connect(self.record)
        # Enter in the password field is that field's own act: the checker signs with the
        # password just typed (a keyboard-only bench; no other field's Enter signs).
        self.password.returnPressed.connect(self.record)
        self.verdict = QLabel()
        self.verdict.setObjectName("doubleCheckVerdict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)  # names the signer
        self.verdict.setWordWrap(True)
        form.addRow(self.button)
        form.addRow(self.verdict)

    def _entered(self) -> CheckedFigures:
        vials = parse_decimal(self.vials.text(), "vials used")
        if vials != vials.to_integral_value() or not 1 <= vials <= MAX_VIALS:
            raise InputError("vials used", f"a whole number from 1 to {MAX_VIALS}")
        return CheckedFigures(
            parse_decimal(self.dose_mg.text(), "dose (mg)"),
            parse_decimal(self.volume_ml.text(), "volume drawn (mL)"),
            int(vials),
            self.lot.text().strip() or None,
        )

    def show_done(self, full_name: str) -> None:
        """A valid double check signature exists: nothing more to enter."""
        self.verdict.setStyleSheet(text_style(colours_for(self).ok))
        self.verdict.setText(self.tr("Double check agrees and is signed by {0}.").format(full_name))

    def record(self) -> None:
        try:
            entered = self._entered()
            if not self.password.text():
                raise InputError("checker's password", "the checker types their own password")
            # The checker signs with their own password at this moment (21 CFR 11.200).
            result = double_check(
                self.desk.store,
                self.desk.rules,
                self.checker.text(),
                self.password.text(),
                self.dose_id,
                entered,
                self.paper.paper(self.desk.clock()),
                compare_lot=True,
            )
        except (DomainError, StoreError) as exc:
            self.verdict.setStyleSheet(text_style(colours_for(self).blocking))
            self.verdict.setText(describe(exc))
            return
        finally:
            self.password.clear()  # a signature is one act; the password never lingers
        self.last = result
        if result.signature is not None:
            self.show_done(result.signature.full_name)
        else:
            self.verdict.setStyleSheet(text_style(colours_for(self).blocking, bold=True))
            self.verdict.setText(
                self.tr(
                    "MISMATCH in {0}: recorded and NOT signed. Stop, find the cause with the "
                    "preparer, and check again."
                ).format(", ".join(result.mismatches))
            )
        self.checked.emit()
