"""Idle lock: after the idle time patient data is hidden until someone signs in again."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout

from ino_desk.ui.shell.idle_lock import IdleLock
from ino_desk.ui.shell.session import IDLE_MINUTES_KEY, idle_minutes, start_locked
from ino_desk.ui.staff.first_admin_dialog import FirstAdminDialog
from ino_desk.ui.staff.sign_in_dialog import SignInDialog
from tests.persistence.factories import database
from tests.services.users_fixtures import PASSWORDS, clock, rows, staff, ustore

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.ui.shell.main_window import MainWindow

__all__ = ["clock", "database", "staff", "ustore"]
# The offscreen platform says so whenever a window is shown; nothing is wrong.
LEFT = Qt.MouseButton.LeftButton
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _open_work(window: MainWindow, qtbot: QtBot) -> QDialog:
    """A dialog with unsaved patient data, as an edit dialog would hold it."""
    dialog = QDialog(window)
    QVBoxLayout(dialog).addWidget(QLabel("Quillfeather, Ada: unsaved weight 70 kg"))
    dialog.setWindowTitle("Edit patient")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def locked(
    qtbot: QtBot,
    ustore: SqlStore,
    staff: dict[str, User],
    make_window: Callable[[SqlStore], MainWindow],
) -> tuple[MainWindow, IdleLock, QDialog]:
    window = make_window(ustore)
    window.show()
    dialog = _open_work(window, qtbot)
    lock = IdleLock(window, ustore, staff["pharm.a"], minutes=10)
    assert window.patients.isVisible()
    assert lock.timer.isActive()
    assert lock.timer.interval() == 10 * 60_000
    # Ten quiet minutes pass: the countdown runs out (emitted, so no test waits 10 minutes
    # and none depends on an earlier test having left the event loop able to run timers).
    lock.timer.timeout.emit()
    assert lock.is_locked
    return window, lock, dialog


def test_idle_lock_hides_patient_data_and_open_work(
    locked: tuple[MainWindow, IdleLock, QDialog], ustore: SqlStore
) -> None:
    window, lock, dialog = locked
    assert not window.patients.isVisible()
    assert not window.patient_page.isVisible()
    assert not dialog.isVisible()
    assert window.centralWidget() is lock.panel
    new_patient = window.findChild(QAction, "actionNewPatient")
    assert new_patient is not None
    assert not new_patient.isEnabled()  # no shortcut acts behind the lock
    assert "Paula Apothecary" in lock.panel.message.text()
    assert rows(ustore, "SELECT outcome FROM sign_in_events")[-1] == ("screen locked",)


def test_input_restarts_the_countdown(
    qtbot: QtBot, ustore: SqlStore, staff: dict[str, User], make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(ustore)
    window.show()
    lock = IdleLock(window, ustore, staff["pharm.a"], minutes=10)
    assert lock.timer.interval() == 10 * 60_000
    lock.timer.stop()
    qtbot.keyClick(window.patients.search, "a")  # a key press counts as activity
    assert lock.timer.isActive()
    lock.timer.stop()
    qtbot.mouseClick(window.patients.search, LEFT)
    assert lock.timer.isActive()
    assert not lock.is_locked


def test_the_same_user_gets_everything_back(
    locked: tuple[MainWindow, IdleLock, QDialog], staff: dict[str, User]
) -> None:
    window, lock, dialog = locked
    assert lock.unlock_as(staff["pharm.a"])
    assert window.patients.isVisible()
    assert dialog.isVisible()
    new_patient = window.findChild(QAction, "actionNewPatient")
    assert new_patient is not None
    assert new_patient.isEnabled()
    assert not lock.is_locked


def test_another_user_must_choose_to_discard_open_work(
    locked: tuple[MainWindow, IdleLock, QDialog],
    staff: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, lock, dialog = locked
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: answers.pop(0))
    assert not lock.unlock_as(staff["pharm.b"])  # cancelled: still locked, work kept hidden
    assert lock.is_locked
    assert not window.patients.isVisible()
    assert lock.unlock_as(staff["pharm.b"])
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert window.patients.isVisible()
    assert lock.user == staff["pharm.b"]


def test_sign_in_dialog_shows_the_refusal_and_clears_the_password(
    qtbot: QtBot, ustore: SqlStore, staff: dict[str, User]
) -> None:
    dialog = SignInDialog(ustore)
    qtbot.addWidget(dialog)
    dialog.username.setText("pharm.a")
    dialog.password.setText("wrong-password-1")
    dialog.try_sign_in()
    assert dialog.error.text() == "The user name or password is not right."
    assert dialog.password.text() == ""
    assert dialog.user is None
    dialog.password.setText(PASSWORDS["pharm.a"])
    dialog.try_sign_in()
    assert dialog.user == staff["pharm.a"]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_window_opens_locked_until_someone_signs_in(
    qtbot: QtBot, ustore: SqlStore, staff: dict[str, User], make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(ustore)
    opened: list[bool] = []
    lock = start_locked(window, ustore, 10, lambda: opened.append(True))
    window.show()
    assert lock.is_locked
    assert not window.patients.isVisible()
    assert window.desk.user is None
    assert window.signed_in.text() == "Not signed in"
    qtbot.mouseClick(lock.panel.findChild(QPushButton, "labelWithoutSignIn"), LEFT)
    assert opened == [True]  # the label stays readable without signing in
    assert rows(ustore, "SELECT outcome FROM sign_in_events") == []  # nobody to record
    assert lock.unlock_as(staff["tech.t"])
    assert window.patients.isVisible()
    assert window.desk.who() == staff["tech.t"]
    assert window.signed_in.text() == "Signed in: Theo Technician (Pharmacy technician)"


def test_first_run_dialog_creates_the_administrator(qtbot: QtBot, ustore: SqlStore) -> None:
    dialog = FirstAdminDialog(ustore)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.full_name.setText("Ada Admin")
    dialog.password.setText("admin-passphrase-1")
    dialog.repeat.setText("admin-passphrase-2")
    dialog.create_administrator()
    assert dialog.error.text() == "password: the two entries differ"
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    dialog.create_administrator()
    assert dialog.error.text() == "password: must have at least 12 characters"
    dialog.password.setText("admin-passphrase-1")
    dialog.repeat.setText("admin-passphrase-1")
    dialog.create_administrator()
    assert dialog.user is not None
    assert dialog.user.role.value == "administrator"


@pytest.mark.parametrize(("stored", "minutes"), [(None, 10), ("5", 5), ("0", 10), ("x", 10)])
def test_idle_minutes_setting(tmp_path: Path, stored: str | None, minutes: int) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    if stored is not None:
        settings.setValue(IDLE_MINUTES_KEY, stored)
    assert idle_minutes(settings) == minutes


def test_lock_now_sign_out_and_a_lock_closes_the_open_patient(
    qtbot: QtBot,
    ustore: SqlStore,
    staff: dict[str, User],
    make_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue #16: Lock now (Ctrl+L), Sign out and Switch user in the File menu; after a lock
    the next user never inherits the open patient."""
    window = make_window(ustore)
    lock = start_locked(window, ustore, 10, lambda: None)
    window.show()
    assert lock.unlock_as(staff["pharm.a"])
    page = window.patient_page
    page.overview = object()  # type: ignore[assignment]  # a patient is open
    lock_now = window.findChild(QAction, "actionLockNow")
    assert lock_now is not None
    assert lock_now.shortcut().toString() == "Ctrl+L"
    lock_now.trigger()
    assert lock.is_locked
    assert page.overview is None  # closed behind the lock, whoever comes next
    assert lock.unlock_as(staff["pharm.a"])
    work = _open_work(window, qtbot)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel
    )
    sign_out = window.findChild(QAction, "actionSignOut")
    assert sign_out is not None
    sign_out.trigger()  # open work: the user is asked and cancels
    assert not lock.is_locked
    assert window.desk.user == staff["pharm.a"]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    sign_out.trigger()
    assert lock.is_locked
    assert window.desk.user is None
    assert not work.isVisible()
    assert "Signed out" in lock.panel.message.text()
    assert rows(ustore, "SELECT username, outcome FROM sign_in_events")[-1] == (
        "pharm.a",
        "signed out",
    )
    assert window.findChild(QAction, "actionSwitchUser") is not None
