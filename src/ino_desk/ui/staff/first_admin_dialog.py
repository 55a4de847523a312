"""First run: create the administrator account before anyone can see patient data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ino_desk import workstation
from ino_desk.domain.errors import DomainError
from ino_desk.domain.staff.passwords import MIN_PASSWORD_LENGTH
from ino_desk.services.staff.user_keys import site_key_fingerprint
from ino_desk.services.staff.users import create_first_administrator
from ino_desk.ui.common.palette import colours_for, text_style

if TYPE_CHECKING:
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store


class FirstAdminDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle(self.tr("Create the administrator — ino-desk"))
        self._store = store
        self.user: User | None = None
        self.username = QLineEdit()
        self.username.setObjectName("adminUsername")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("adminFullName")
        self.password = QLineEdit()
        self.password.setObjectName("adminPassword")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("adminPasswordRepeat")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("adminError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(text_style(colours_for(self).blocking))
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name (printed with signatures)"), self.full_name)
        form.addRow(
            self.tr("Password (at least {0} characters)").format(MIN_PASSWORD_LENGTH), self.password
        )
        form.addRow(self.tr("Password again"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create administrator"))
        buttons.accepted.connect(self.create_administrator)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "No user exists yet. The administrator adds pharmacists, technicians and "
                "read-only users; clinical acts need those clinical accounts."
            )
        )
        intro.setObjectName("firstAdminIntro")
        intro.setWordWrap(True)  # on one line it made the dialog 1215 px wide at 1.5×
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def create_administrator(self) -> None:
        first, second = self.password.text(), self.repeat.text()
        self.password.clear()
        self.repeat.clear()
        if first != second:
            self._show("password: the two entries differ")
            return
        try:
            self.user = create_first_administrator(
                self._store, self.username.text(), self.full_name.text(), first
            )
        except DomainError as exc:
            self._show(str(exc))
            return
        site_key = site_key_fingerprint(self._store)
        if site_key is not None:  # `audit verify` on this workstation checks it from now on
            workstation.pin_admin_key(site_key)
        self.accept()

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
