"""The backup passphrase in Site settings (issue 14): typed twice, checked before anything is
saved, then backups are encrypted; the passphrase itself is stored nowhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.services.staff.backup_passphrase import backups_encrypted
from ino_desk.ui.settings.settings_dialog import SettingsDialog
from tests.persistence.factories import database
from tests.services.users_fixtures import clock, staff, ustore

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.ui.shell.main_window import MainWindow

__all__ = ["clock", "database", "staff", "ustore"]

PASSPHRASE = "river heron blue 2026"


def test_the_administrator_sets_a_backup_passphrase_in_site_settings(
    make_window: Callable[[SqlStore], MainWindow], ustore: SqlStore, staff: dict[str, User]
) -> None:
    window = make_window(ustore)
    window.desk.set_user(staff["admin"])
    dialog = SettingsDialog(window.desk, window)
    assert "plain" in dialog.passphrase.placeholderText()
    dialog.reason.setText("backups leave the building")
    dialog.passphrase.setText(PASSPHRASE)
    dialog.passphrase_again.setText(PASSPHRASE + "x")
    dialog.save()
    assert "differ" in dialog.form.error_text("backup passphrase again")
    assert not backups_encrypted(ustore)
    dialog.passphrase.setText("short")
    dialog.passphrase_again.setText("short")
    dialog.save()
    assert "12 to 1024 characters" in dialog.form.error_text("backup passphrase")
    assert not backups_encrypted(ustore)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.passphrase_again.setText(PASSPHRASE)
    dialog.save()
    assert backups_encrypted(ustore)
    assert PASSPHRASE.encode() not in ustore.database.path.read_bytes()
    assert "encrypted" in SettingsDialog(window.desk, window).passphrase.placeholderText()
