"""Who is signed in at this window: sign-in at start, the status bar, the idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from ino_desk.domain.staff.sign_in_policy import DEFAULT_IDLE_LOCK_MINUTES
from ino_desk.domain.staff.users import Permission
from ino_desk.ui.shell.idle_lock import IdleLock
from ino_desk.ui.staff.users_dialog import UsersDialog

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QSettings

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store
    from ino_desk.ui.shell.main_window import MainWindow

IDLE_MINUTES_KEY = "security/idleLockMinutes"


def idle_minutes(settings: QSettings) -> int:
    """The workstation's idle-lock time; a missing or nonsense value means the default."""
    value = settings.value(IDLE_MINUTES_KEY, DEFAULT_IDLE_LOCK_MINUTES)
    try:
        minutes = int(str(value))
    except ValueError:
        return DEFAULT_IDLE_LOCK_MINUTES
    return minutes if minutes >= 1 else DEFAULT_IDLE_LOCK_MINUTES


def apply_user(window: MainWindow, user: User) -> None:
    """Changes are recorded under the signed-in user, whose rights the services check."""
    window.desk.set_user(user)
    _users_menu(window, user)


def _users_menu(window: MainWindow, user: User) -> None:
    """File → Users… for administrators only; rebuilt when another user signs in."""
    existing = window.findChild(QAction, "actionUsers")
    if existing is not None:
        window.removeAction(existing)
        existing.deleteLater()
    if not user.can(Permission.MANAGE_USERS):
        return
    action = QAction(QCoreApplication.translate("session", "&Users…"), window)
    action.setObjectName("actionUsers")
    action.triggered.connect(lambda: UsersDialog(window.desk.store, user, window).exec())
    _before_quit(window, action)
    window.addAction(action)


def start_locked(
    window: MainWindow, store: Store, minutes: int, open_label: Callable[[], None]
) -> IdleLock:
    """The window opens locked: patient data appears after a sign-in (the first run creates
    the administrator first); the label is readable meanwhile in its own window."""
    window.desk.set_user(None)
    lock = IdleLock(window, store, None, minutes)
    lock.userChanged.connect(lambda new: apply_user(window, new))
    lock.signedOut.connect(lambda: window.desk.set_user(None))
    # Whoever unlocks, no patient is left open on the screen behind the lock.
    lock.locked.connect(window.patient_page.close_patient)
    lock.panel.labelRequested.connect(open_label)
    _session_actions(window, lock)
    return lock


def _session_actions(window: MainWindow, lock: IdleLock) -> None:
    """File → Lock now (Ctrl+L), Sign out, Switch user."""
    for text, name, slot, key in (
        (
            QCoreApplication.translate("MainWindow", "&Lock now"),
            "actionLockNow",
            lock.lock,
            "Ctrl+L",
        ),
        (QCoreApplication.translate("MainWindow", "Sign &out"), "actionSignOut", lock.sign_out, ""),
        (
            QCoreApplication.translate("MainWindow", "S&witch user…"),
            "actionSwitchUser",
            lock.switch_user,
            "",
        ),
    ):
        action = QAction(text, window)
        action.setObjectName(name)
        if key:
            action.setShortcut(key)
        action.triggered.connect(slot)
        window.addAction(action)
        _before_quit(window, action)


def _before_quit(window: MainWindow, action: QAction) -> None:
    """File menu entries go above Quit: Quit stays the last item, where it is looked for."""
    window.file_menu.insertAction(window.quit_separator, action)
