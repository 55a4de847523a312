"""The sign-in dialog: user name and password, checked by the sign-in service.

When the site's password aging says the password is too old, the same dialog asks for the
current and a new password (twice), changes it through the service, then signs in with the
new one: nothing else opens before that.
"""

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

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.staff.passwords import MIN_PASSWORD_LENGTH
from ino_desk.services.staff.password_change import change_own_password
from ino_desk.services.staff.sign_in import PasswordChangeRequiredError, authenticate, unlock_screen
from ino_desk.ui.common.palette import colours_for, text_style

if TYPE_CHECKING:
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store


class SignInDialog(QDialog):
    """Accepts only after the service signs someone in; `user` is then who it was."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        prompt: str | None = None,
        username: str = "",
        unlocking: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in — ino-desk"))
        self._store = store
        self._unlocking = unlocking
        self.user: User | None = None
        self.username = QLineEdit(username)
        self.username.setObjectName("signInUsername")
        self.username.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit()
        self.password.setObjectName("signInPassword")
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(text_style(colours_for(self).blocking))
        self.error.hide()
        self.changing = False
        self.current_password = self._secret("signInCurrentPassword", self.tr("Current password"))
        self.new_password = self._secret("signInNewPassword", self.tr("New password"))
        self.new_again = self._secret("signInNewAgain", self.tr("New password again"))
        self.form = QFormLayout()
        self.form.addRow(self.tr("User name"), self.username)
        self.form.addRow(self.tr("Password"), self.password)
        self.prompt = QLabel(prompt or self.tr("Sign in to see patient data."))
        self.prompt.setObjectName("signInPrompt")
        self.prompt.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus()

    @staticmethod
    def _secret(name: str, label: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setAccessibleName(label)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def submit(self) -> None:
        if self.changing:
            self.try_change_password()
        else:
            self.try_sign_in()

    def _show_error(self, text: str, focus: QLineEdit) -> None:
        self.error.setText(text)
        self.error.show()
        focus.setFocus()

    def _ask_for_a_new_password(self, refusal: PasswordChangeRequiredError) -> None:
        """The service refused an expired password: the form turns into a password change."""
        self.changing = True
        self.username.setReadOnly(True)
        self.form.setRowVisible(self.password, False)
        self.form.addRow(self.tr("Current password"), self.current_password)
        self.form.addRow(self.tr("New password"), self.new_password)
        self.form.addRow(self.tr("New password again"), self.new_again)
        self.new_password.setPlaceholderText(
            self.tr("at least {0} characters").format(MIN_PASSWORD_LENGTH)
        )
        self.prompt.setText(self.tr("{0} Choose a new password to continue.").format(refusal))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Change password and sign in")
        )
        self.error.hide()
        self.current_password.setFocus()

    def try_sign_in(self) -> None:
        password = self.password.text()
        self.password.clear()  # the password leaves the widget as soon as it is used
        check = unlock_screen if self._unlocking else authenticate
        try:
            self.user = check(self._store, self.username.text(), password)
        except PasswordChangeRequiredError as exc:
            self._ask_for_a_new_password(exc)
            return
        except DomainError as exc:
            self._show_error(str(exc), self.password)
            return
        self.accept()

    def try_change_password(self) -> None:
        current, new, again = (
            f.text() for f in (self.current_password, self.new_password, self.new_again)
        )
        for field in (self.current_password, self.new_password, self.new_again):
            field.clear()  # the passwords leave the widgets as soon as they are used
        if new != again:
            self._show_error(self.tr("The two new passwords differ."), self.new_password)
            return
        name = self.username.text()
        check = unlock_screen if self._unlocking else authenticate
        try:
            change_own_password(self._store, name, current, new)
            self.user = check(self._store, name, new)
        except InputError as exc:
            self._show_error(str(exc), self.new_password)
            return
        except DomainError as exc:
            self._show_error(str(exc), self.current_password)
            return
        self.accept()
