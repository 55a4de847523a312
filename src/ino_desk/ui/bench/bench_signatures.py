"""The dose's signatures at the bench, and the preparer's "prepared" signature taken there."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout

from ino_desk.domain.bench.bench_clock import local_time_text
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.ui.staff.signature_dialog import SignatureDialog

if TYPE_CHECKING:
    from ino_desk.services.preparing.bench import BenchDose
    from ino_desk.ui.common.desk import Desk

MISSING = {
    Meaning.VERIFIED_ORDER: str(
        QT_TRANSLATE_NOOP(
            "BenchSignaturesBox", "not verified: a pharmacist must verify this order first"
        )
    ),
    Meaning.PREPARED: str(
        QT_TRANSLATE_NOOP(
            "BenchSignaturesBox", "not signed yet (the preparer signs once the bag is diluted)"
        )
    ),
    Meaning.DOUBLE_CHECK: str(
        QT_TRANSLATE_NOOP(
            "BenchSignaturesBox", "not signed yet (a second pharmacist, after the preparer signs)"
        )
    ),
}


class BenchSignaturesBox(QGroupBox):
    """One line per meaning; `signed` fires once the preparer has signed."""

    signed = Signal()

    def __init__(self, desk: Desk, dose_id: int) -> None:
        super().__init__(QCoreApplication.translate("BenchSignaturesBox", "Signatures"))
        self.desk, self.dose_id = desk, dose_id
        self.sign_dialog: SignatureDialog | None = None
        layout = QVBoxLayout(self)
        self.lines = QLabel()
        self.lines.setObjectName("benchSignatures")
        self.lines.setTextFormat(Qt.TextFormat.RichText)  # names escaped in show_signatures
        self.lines.setWordWrap(True)
        layout.addWidget(self.lines)
        self.sign_prepared = QPushButton(self.tr("Sign as prepared…"))
        self.sign_prepared.setObjectName("signPrepared")
        self.sign_prepared.setToolTip(
            self.tr("The preparer signs with their password, at this moment")
        )
        self.sign_prepared.clicked.connect(self.open_sign_prepared)
        layout.addWidget(self.sign_prepared)
        layout.addStretch(1)

    def show_signatures(self, state: BenchDose) -> None:
        rows = []
        for meaning in Meaning:
            signature = state.signatures.get(meaning)
            text = (
                self.tr(MISSING[meaning])
                if signature is None
                else f"{escape(signature.full_name)}, {local_time_text(signature.signed_at)}"
            )
            rows.append(f"<b>{meaning.value.capitalize()}:</b> {text}")
        self.lines.setText("<br>".join(rows))

    def open_sign_prepared(self) -> None:
        user = self.desk.user
        dialog = SignatureDialog(
            self.desk.store,
            self.desk.rules,
            Meaning.PREPARED,
            self.dose_id,
            self.tr("I prepared this bag as recorded on the Prepare screen."),
            self,
            username=user.username if user is not None else "",
        )
        dialog.accepted.connect(self.signed.emit)
        self.sign_dialog = dialog
        dialog.open()
