"""User administration (administrators): add, disable, change role, reset password, unlock.

The services check the administrator's role again, so this dialog is a convenience, not the
guard. Users are disabled, never deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.errors import DomainError
from ino_desk.domain.staff.users import Permission, Role
from ino_desk.services.staff.sign_in import unlock_account
from ino_desk.services.staff.users import (
    add_user,
    change_role,
    disable_user,
    list_users,
    reset_password,
)
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.rights import offer
from ino_desk.ui.common.scan_field import no_default_buttons

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

T = TypeVar("T")
COLUMNS = (
    str(QT_TRANSLATE_NOOP("UsersDialog", "User name")),
    str(QT_TRANSLATE_NOOP("UsersDialog", "Full name")),
    str(QT_TRANSLATE_NOOP("UsersDialog", "Role")),
    str(QT_TRANSLATE_NOOP("UsersDialog", "Active")),
)


class UsersDialog(QDialog):
    def __init__(self, store: Store, admin: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Users — ino-desk"))
        self.resize(720, 480)
        self._store, self._admin = store, admin
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("newFullName")
        self.role = QComboBox()
        self.role.setObjectName("newRole")
        for role in Role:
            self.role.addItem(role.display_name, role)
        self.password = QLineEdit()
        self.password.setObjectName("newPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("First password"), self.password)
        add = QPushButton(self.tr("Add user"))
        add.setObjectName("addUser")
        add.clicked.connect(self.add)
        managing = [add]
        row = QHBoxLayout()
        for text, name, slot in (
            (self.tr("Disable…"), "disableUser", self.disable_selected),
            (self.tr("Change role…"), "changeRole", self.change_selected_role),
            (self.tr("Reset password…"), "resetPassword", self.reset_selected_password),
            (self.tr("Unlock"), "unlockUser", self.unlock_selected),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            managing.append(button)
            row.addWidget(button)
        offer(admin, Permission.MANAGE_USERS, *managing)
        self.message = QLabel()
        self.message.setObjectName("usersMessage")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(add)
        layout.addWidget(self.message)
        layout.addWidget(close)
        # Enter in the form adds the user, and nothing else: no button of this dialog is an
        # implicit default (Enter used to press "Disable…" on whatever row was selected).
        no_default_buttons(self)
        for field in (self.username, self.full_name, self.password):
            field.returnPressed.connect(self.add)
        self.reload()

    def reload(self) -> None:
        users = self._try(lambda: list_users(self._store, self._admin)) or []
        self.table.setRowCount(len(users))
        for r, user in enumerate(users):
            values = (
                user.username,
                user.full_name,
                user.role.display_name,
                "yes" if user.active else "disabled",
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def selected(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            self.message.setText(self.tr("Select a user first."))
            return None
        return item.text()

    def _try(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except (DomainError, StoreError) as exc:
            self.message.setText(str(exc))
            return None

    def _ok(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except (DomainError, StoreError) as exc:
            self.message.setText(str(exc))
            return False
        return True

    def add(self) -> None:
        secret = self.password.text()
        self.password.clear()
        role = Role(str(self.role.currentData()))  # Qt hands the enum back as its text
        done = self._try(
            lambda: add_user(
                self._store,
                self._admin,
                self.username.text(),
                self.full_name.text(),
                role,
                secret,
            )
        )
        if done is not None:
            self.message.setText(self.tr("{0} added.").format(self.username.text().strip()))
            self.username.clear()
            self.full_name.clear()
            self.reload()

    def _reason(self, title: str) -> str | None:
        """The title names the user the action applies to: a destructive action names its
        target before anything happens."""
        text, ok = QInputDialog.getText(
            self, title, self.tr("Reason (recorded in the audit trail):")
        )
        return text if ok else None

    def disable_selected(self) -> None:
        name = self.selected()
        reason = self._reason(f"Disable user {name}") if name else None
        if name and reason is not None:
            if self._try(lambda: disable_user(self._store, self._admin, name, reason)):
                self.message.setText(self.tr("{0} disabled.").format(name))
            self.reload()

    def change_selected_role(self) -> None:
        name = self.selected()
        if not name:
            return
        labels = [r.display_name for r in Role]
        label, ok = QInputDialog.getItem(
            self, self.tr("Change role"), self.tr("New role:"), labels, 0, False
        )
        reason = self._reason(f"Change role of {name}") if ok else None
        if reason is not None:
            role = list(Role)[labels.index(label)]
            if self._try(lambda: change_role(self._store, self._admin, name, role, reason)):
                self.message.setText(self.tr("{0} is now {1}.").format(name, role.display_name))
            self.reload()

    def reset_selected_password(self) -> None:
        name = self.selected()
        if not name:
            return
        secret, ok = QInputDialog.getText(
            self,
            self.tr("Reset password"),
            self.tr("New password for {0}:").format(name),
            QLineEdit.EchoMode.Password,
        )
        if ok and self._ok(lambda: reset_password(self._store, self._admin, name, secret)):
            self.message.setText(self.tr("Password of {0} reset.").format(name))

    def unlock_selected(self) -> None:
        name = self.selected()
        if name and self._ok(lambda: unlock_account(self._store, self._admin, name)):
            self.message.setText(self.tr("{0} unlocked.").format(name))
