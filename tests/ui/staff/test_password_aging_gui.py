"""Password aging in the GUI: the administrator sets it in Site settings; the sign-in dialog
asks for the current and a new password when the service says the password is too old."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from ino_desk.services.settings import load_settings, save_settings
from ino_desk.ui.settings.settings_dialog import SettingsDialog
from ino_desk.ui.staff.sign_in_dialog import SignInDialog
from tests.persistence.factories import database
from tests.services.users_fixtures import PASSWORDS, Clock, clock, rows, staff, ustore

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytestqt.qtbot import QtBot

    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.ui.shell.main_window import MainWindow

__all__ = ["clock", "database", "staff", "ustore"]

NEW = "a-brand-new-password"


def test_the_administrator_sets_password_aging_in_site_settings(
    make_window: Callable[[SqlStore], MainWindow], ustore: SqlStore, staff: dict[str, User]
) -> None:
    window = make_window(ustore)
    window.desk.set_user(staff["admin"])
    dialog = SettingsDialog(window.desk, window)
    assert dialog.password_age.text() == ""  # off by default
    dialog.reason.setText("security policy")
    dialog.password_age.setText("0")
    dialog.save()
    assert "allowed 1 to 730 days, or off" in dialog.form.error_text("password aging")
    dialog.password_age.setText("90.5")
    dialog.save()
    assert "whole days" in dialog.form.error_text("password aging")
    dialog.password_age.setText("90")
    dialog.save()
    assert load_settings(ustore).password_max_age_days == 90
    again = SettingsDialog(window.desk, window)
    assert again.password_age.text() == "90"
    again.password_age.setText(" ")
    again.reason.setText("aging off again")
    again.save()
    assert load_settings(ustore).password_max_age_days is None


def test_an_expired_password_is_changed_in_the_sign_in_dialog(
    qtbot: QtBot, ustore: SqlStore, staff: dict[str, User], clock: Clock
) -> None:
    aging = replace(load_settings(ustore), password_max_age_days=30)
    save_settings(ustore, aging, staff["admin"], "security policy")
    clock.advance(31 * 24 * 60)
    dialog = SignInDialog(ustore)
    qtbot.addWidget(dialog)
    dialog.username.setText("pharm.a")
    dialog.password.setText(PASSWORDS["pharm.a"])
    dialog.try_sign_in()
    assert dialog.user is None
    assert dialog.changing
    assert "older than 30 days" in dialog.prompt.text()
    assert dialog.username.isReadOnly()
    # The two new entries differ: nothing is sent to the service, nothing recorded.
    dialog.current_password.setText(PASSWORDS["pharm.a"])
    dialog.new_password.setText(NEW)
    dialog.new_again.setText(NEW + "x")
    dialog.submit()
    assert dialog.error.text() == "The two new passwords differ."
    assert dialog.current_password.text() == dialog.new_password.text() == ""
    dialog.current_password.setText("not-the-password")
    dialog.new_password.setText(NEW)
    dialog.new_again.setText(NEW)
    dialog.submit()
    assert dialog.error.text() == "The user name or password is not right."
    dialog.current_password.setText(PASSWORDS["pharm.a"])
    dialog.new_password.setText(NEW)
    dialog.new_again.setText(NEW)
    dialog.submit()
    assert dialog.user == staff["pharm.a"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    outcomes = rows(ustore, "SELECT outcome FROM sign_in_events WHERE username='pharm.a'")
    assert [o[0] for o in outcomes] == [
        "refused: password must be changed",
        "failed sign-in",
        "password changed",
        "signed in",
    ]


def test_the_administrator_widens_a_plausible_range_in_site_settings(
    make_window: Callable[[SqlStore], MainWindow], ustore: SqlStore, staff: dict[str, User]
) -> None:
    """Issue 16: plausible ranges are explicit site settings, shown with their defaults."""
    window = make_window(ustore)
    window.desk.set_user(staff["admin"])
    dialog = SettingsDialog(window.desk, window)
    shown = dialog.plausible.toPlainText().splitlines()
    assert shown[:3] == ["height: 50 to 220", "weight: 5 to 150", "BSA: 0.3 to 2.6"]
    dialog.reason.setText("bariatric unit")
    dialog.plausible.setPlainText("weight: 8 to lots")
    dialog.save()
    assert "line 1: write 'name: low to high'" in dialog.form.error_text("plausible ranges")
    dialog.plausible.setPlainText("weight: 8 to 250")
    dialog.save()
    ranges = load_settings(ustore).plausible
    assert (ranges.of("weight").high, ranges.of("height").high) == (250, 220)
