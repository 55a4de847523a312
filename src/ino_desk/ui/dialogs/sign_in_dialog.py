"""The sign-in dialog: user name and password, checked by the sign-in service."""

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

from ino_desk.domain.errors import DomainError
from ino_desk.services.sign_in import authenticate, unlock_screen

if TYPE_CHECKING:
    from ino_desk.domain.users import User
    from ino_desk.services.ports import Store


class SignInDialog(QDialog):
    """Accepts only after the service signs someone in; `user` is then who it was."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        prompt: str = "Sign in to see patient data.",
        username: str = "",
        unlocking: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle("Sign in — ino-desk")
        self._store = store
        self._unlocking = unlocking
        self.user: User | None = None
        self.username = QLineEdit(username)
        self.username.setObjectName("signInUsername")
        self.username.setAccessibleName("User name")
        self.password = QLineEdit()
        self.password.setObjectName("signInPassword")
        self.password.setAccessibleName("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4161a;")
        self.error.hide()
        form = QFormLayout()
        form.addRow("User name", self.username)
        form.addRow("Password", self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def try_sign_in(self) -> None:
        password = self.password.text()
        self.password.clear()  # the password leaves the widget as soon as it is used
        check = unlock_screen if self._unlocking else authenticate
        try:
            self.user = check(self._store, self.username.text(), password)
        except DomainError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.password.setFocus()
            return
        self.accept()
