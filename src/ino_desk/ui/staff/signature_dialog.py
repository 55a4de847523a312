"""The signature dialog: the meaning shown, user name and password entered at that moment.

For the independent double check the checker types dose, volume and vials; the dialog never
shows the order's or the preparer's figures, so the check stays blind. A mismatch is shown
(and the service has recorded it); only agreeing figures are signed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.staff.signatures import CheckedFigures, Meaning
from ino_desk.services.staff.signing import double_check, sign_prepared, verify_order
from ino_desk.ui.common.palette import colours_for, text_style
from ino_desk.ui.common.paper_time import PaperTimeBox

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.accounts import StoredSignature
    from ino_desk.services.ports.store import Store

MAX_VIALS = 99  # an entry bound, not a clinical limit: the service compares with the order


def _amount(text: str, field: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise InputError(field, "type a number such as 1.46") from None
    if not value.is_finite() or value <= 0:
        raise InputError(field, "must be a number above 0")
    return value


class SignatureDialog(QDialog):
    def __init__(
        self,
        store: Store,
        rules: ClinicalRules,
        meaning: Meaning,
        dose_id: int,
        order_text: str,
        parent: QWidget | None = None,
        username: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signatureDialog")
        self.setWindowTitle(self.tr("Electronic signature — ino-desk"))
        self._store, self._rules, self._meaning, self._dose_id = store, rules, meaning, dose_id
        self.signature: StoredSignature | None = None
        self.mismatches: tuple[str, ...] = ()
        statement = QLabel(
            self.tr(
                "<b>Meaning of this signature: {0}</b><br>{1}<br>Signing binds your name to "
                "this order as it is now; a later change voids it."
            ).format(meaning.value, escape(order_text))
        )
        statement.setObjectName("signatureMeaning")
        statement.setTextFormat(Qt.TextFormat.RichText)  # the order (patient name) is escaped
        statement.setWordWrap(True)
        self.username = QLineEdit(username)
        self.username.setObjectName("signatureUsername")
        self.password = QLineEdit()
        self.password.setObjectName("signaturePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        self.dose_mg = QLineEdit()
        self.dose_mg.setObjectName("checkDoseMg")
        self.volume_ml = QLineEdit()
        self.volume_ml.setObjectName("checkVolumeMl")
        self.vials = QSpinBox()
        self.vials.setObjectName("checkVials")
        self.vials.setRange(0, MAX_VIALS)
        if meaning is Meaning.DOUBLE_CHECK:
            form.addRow(self.tr("Dose you measured (mg)"), self.dose_mg)
            form.addRow(self.tr("Drug volume you drew (mL)"), self.volume_ml)
            form.addRow(self.tr("Vials you counted"), self.vials)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.paper = PaperTimeBox()  # a paper signature made during a downtime
        form.addRow(self.paper)
        self.error = QLabel()
        self.error.setObjectName("signatureError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(text_style(colours_for(self).blocking))
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign"))
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(statement)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # The signer's name is usually known (the signed-in user); the password never is.
        (self.password if username else self.username).setFocus()

    def sign(self) -> None:
        secret = self.password.text()
        self.password.clear()
        user = self.username.text()
        try:
            paper = self.paper.paper(datetime.now(UTC))
            if self._meaning is Meaning.VERIFIED_ORDER:
                self.signature = verify_order(
                    self._store, self._rules, user, secret, self._dose_id, paper
                )
            elif self._meaning is Meaning.PREPARED:
                self.signature = sign_prepared(
                    self._store, self._rules, user, secret, self._dose_id, paper
                )
            else:
                if self.vials.value() < 1:
                    raise InputError("vials", "count the vials: 1 or more")
                figures = CheckedFigures(
                    _amount(self.dose_mg.text(), "dose (mg)"),
                    _amount(self.volume_ml.text(), "drug volume (mL)"),
                    self.vials.value(),
                )
                result = double_check(
                    self._store, self._rules, user, secret, self._dose_id, figures, paper
                )
                self.signature, self.mismatches = result.signature, result.mismatches
        except DomainError as exc:
            self._show(str(exc))
            return
        if self.mismatches:
            self._show(
                "MISMATCH in " + ", ".join(self.mismatches) + ". Recorded and not signed: "
                "stop, find the cause with the preparer, then check again."
            )
            return
        self.accept()

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
