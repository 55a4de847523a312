"""A dose order's electronic signatures, valid or void, and the pharmacist's "Verify order…"."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ino_desk.domain.errors import DomainError
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.domain.staff.users import Permission
from ino_desk.services.staff.signature_views import order_signatures
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.errors import describe
from ino_desk.ui.common.palette import current
from ino_desk.ui.common.rights import gate
from ino_desk.ui.dose_day.prescriber_dialog import PrescriberDialog
from ino_desk.ui.staff.signature_dialog import SignatureDialog

if TYPE_CHECKING:
    from ino_desk.services.staff.signature_views import SignatureView
    from ino_desk.ui.common.desk import Desk

NONE_YET = str(
    QT_TRANSLATE_NOOP(
        "OrderSignaturesPanel",
        "No electronic signature yet: a pharmacist verifies the order before preparation.",
    )
)
NONE = str(QT_TRANSLATE_NOOP("OrderSignaturesPanel", "No electronic signature on this order."))


def signature_line(view: SignatureView) -> str:
    """One signature as the screen shows it: meaning, printed name, role, local time, status."""
    s = view.signature
    when = f"{s.signed_at.astimezone():%Y-%m-%d %H:%M %Z}"
    text = f"{s.meaning.value}: {escape(s.full_name)} ({s.role.display_name}), {when}"
    if view.valid:
        return text
    status = escape(view.status)
    return f'<span style="color:{current().blocking}"><s>{text}</s> — <b>{status}</b></span>'


class OrderSignaturesPanel(QGroupBox):
    """Shows every signature ever put on the order; a void one stays visible, struck through."""

    signed = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("OrderSignaturesPanel", "Electronic signatures"), parent
        )
        self.setObjectName("orderSignatures")
        self.desk = desk
        self.dose_id: int | None = None
        self.order_text = ""
        self.can_sign = False
        self.views: list[SignatureView] = []
        self.lines = QLabel()
        self.lines.setTextFormat(Qt.TextFormat.RichText)  # names escaped in signature_line
        self.lines.setObjectName("orderSignatureLines")
        self.lines.setWordWrap(True)
        self.verify = QPushButton(self.tr("Verify order…"))
        self.verify.setObjectName("dose_verify_button")
        self.verify.setAccessibleName(self.tr("Verify order"))
        self.verify.setToolTip(self.tr('Sign "verified order" with your password (pharmacists)'))
        self.verify.clicked.connect(self.open_verify)
        self.prescriber = QPushButton(self.tr("Prescriber…"))
        self.prescriber.setObjectName("dose_prescriber_button")
        self.prescriber.setAccessibleName(self.tr("Record the prescriber of this cycle"))
        self.prescriber.setToolTip(self.tr("Record who ordered this cycle (needed to verify)"))
        self.prescriber.clicked.connect(self.open_prescriber)
        gate(desk, Permission.VERIFY_ORDERS, self.verify)
        gate(desk, Permission.PLAN_CYCLES, self.prescriber)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lines)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify)
        buttons.addWidget(self.prescriber)
        layout.addLayout(buttons)

    def set_dose(self, dose_id: int | None, order_text: str, can_sign: bool) -> None:
        self.dose_id, self.order_text, self.can_sign = dose_id, order_text, can_sign
        self.refresh()
        verified = any(
            v.valid and v.signature.meaning is Meaning.VERIFIED_ORDER for v in self.views
        )
        self.verify.setEnabled(dose_id is not None and can_sign and not verified)
        self.prescriber.setEnabled(dose_id is not None and can_sign)

    def refresh(self) -> None:
        self.views = []
        if self.dose_id is None:
            self.lines.setText("")
            return
        try:
            self.views = order_signatures(self.desk.store, self.dose_id)
        except (DomainError, StoreError) as exc:
            self.lines.setText(describe(exc))
            return
        none = self.tr(NONE_YET if self.can_sign else NONE)
        self.lines.setText("<br>".join(map(signature_line, self.views)) or none)

    def open_verify(self) -> None:
        if self.dose_id is None:
            return
        user = self.desk.user
        self.dialog = SignatureDialog(
            self.desk.store,
            self.desk.rules,
            Meaning.VERIFIED_ORDER,
            self.dose_id,
            escape(self.order_text),
            self,
            username=user.username if user else "",
        )
        self.dialog.accepted.connect(self._signed)
        self.dialog.open()

    def open_prescriber(self) -> None:
        if self.dose_id is not None:
            self.prescriber_dialog = PrescriberDialog(self.desk, self.dose_id, self)
            self.prescriber_dialog.open()

    def _signed(self) -> None:
        self.verify.setEnabled(False)
        self.refresh()
        self.signed.emit()
