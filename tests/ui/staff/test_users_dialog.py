"""User administration dialog: administrators add and disable users; others get no menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from ino_desk.domain.staff.users import Role
from ino_desk.services.staff.users import list_users
from ino_desk.ui.shell.session import apply_user
from ino_desk.ui.staff.users_dialog import UsersDialog
from tests.persistence.factories import database
from tests.services.users_fixtures import clock, staff, ustore

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytestqt.qtbot import QtBot

    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.ui.shell.main_window import MainWindow

__all__ = ["clock", "database", "staff", "ustore"]


def test_administrator_adds_and_disables_a_user(
    qtbot: QtBot, ustore: SqlStore, staff: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = UsersDialog(ustore, staff["admin"])
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 6
    dialog.username.setText("tech.u")
    dialog.full_name.setText("Uma Technician")
    dialog.role.setCurrentIndex(list(Role).index(Role.TECHNICIAN))
    dialog.password.setText("short")
    dialog.add()
    assert dialog.message.text() == "password: must have at least 12 characters"
    dialog.password.setText("uma-technician-pw")
    dialog.add()
    assert dialog.message.text() == "tech.u added."
    assert dialog.password.text() == ""
    assert dialog.table.rowCount() == 7
    names = [dialog.table.item(r, 0).text() for r in range(7)]  # type: ignore[union-attr]
    dialog.table.selectRow(names.index("tech.u"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("left", True))
    dialog.disable_selected()
    assert dialog.message.text() == "tech.u disabled."
    [uma] = [u for u in list_users(ustore, staff["admin"]) if u.username == "tech.u"]
    assert (uma.role, uma.active) == (Role.TECHNICIAN, False)


def test_only_administrators_get_the_users_menu(
    ustore: SqlStore, staff: dict[str, User], make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(ustore)
    apply_user(window, staff["admin"])
    assert window.findChild(QAction, "actionUsers") is not None
    apply_user(window, staff["pharm.a"])
    found = window.findChild(QAction, "actionUsers")
    assert found is None or found not in window.actions()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_enter_in_the_add_user_form_never_disables_a_user(
    qtbot: QtBot, ustore: SqlStore, staff: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #16: Enter in the form pressed the dialog's default button, "Disable…"."""
    asked: list[str] = []
    monkeypatch.setattr(
        QInputDialog, "getText", lambda _p, title, *_a, **_k: (asked.append(title), ("x", False))[1]
    )
    dialog = UsersDialog(ustore, staff["admin"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.table.selectRow(0)
    dialog.username.setText("tech.v")
    dialog.full_name.setText("Vic Technician")
    dialog.role.setCurrentIndex(list(Role).index(Role.TECHNICIAN))
    dialog.password.setText("vic-technician-pw")
    dialog.password.setFocus()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert asked == []  # no "Disable user" prompt
    assert dialog.message.text() == "tech.v added."
    assert all(u.active for u in list_users(ustore, staff["admin"]))
