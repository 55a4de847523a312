"""The syringe method (PI 3/2024 2.4) in the Site settings dialog: an administrator types all
four values from the site's PI or none; a partial or bad entry names its field; only
administrators may save it. The values are illustrative, not label numbers."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.bench.syringe import SyringeMethod
from ino_desk.services.settings import load_settings
from ino_desk.ui.settings.settings_dialog import SettingsDialog
from tests.persistence.factories import database
from tests.services.users_fixtures import clock, staff, ustore

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.ui.shell.main_window import MainWindow

__all__ = ["clock", "database", "staff", "ustore"]


def _type(dialog: SettingsDialog, low: str, high: str, volumes: str, minutes: str) -> None:
    fields = dialog.syringe
    for edit, text in zip(
        (fields.low, fields.high, fields.volumes, fields.minutes),
        (low, high, volumes, minutes),
        strict=True,
    ):
        edit.setText(text)


def test_the_administrator_enters_the_syringe_method(
    make_window: Callable[[SqlStore], MainWindow], ustore: SqlStore, staff: dict[str, User]
) -> None:
    window = make_window(ustore)
    window.desk.set_user(staff["admin"])
    dialog = SettingsDialog(window.desk, window)
    assert dialog.syringe.low.text() == ""  # no defaults
    dialog.reason.setText("from our PI copy")
    _type(dialog, "0.025", "", "3, 10", "30")
    dialog.save()
    assert "required once any syringe value is typed" in dialog.form.error_text("syringe method")
    _type(dialog, "0.025", "0.3", "3, 10", "30")
    dialog.save()
    assert "allowed up to 0.25 mg/mL" in dialog.form.error_text("syringe method")
    assert load_settings(ustore).syringe is None
    _type(dialog, "0.025", "0.1", "3, 10", "30")
    dialog.save()
    assert load_settings(ustore).syringe == SyringeMethod(
        Decimal("0.025"), Decimal("0.1"), (Decimal(3), Decimal(10)), 30
    )
    again = SettingsDialog(window.desk, window)
    assert again.syringe.volumes.text() == "3, 10"
    _type(again, "", "", "", "")
    again.reason.setText("cleared")
    again.save()
    assert load_settings(ustore).syringe is None


def test_a_pharmacist_cannot_save_it(
    make_window: Callable[[SqlStore], MainWindow], ustore: SqlStore, staff: dict[str, User]
) -> None:
    window = make_window(ustore)
    window.desk.set_user(staff["pharm.a"])
    assert not window.settings_action.isEnabled()
    dialog = SettingsDialog(window.desk, window)
    dialog.reason.setText("trying")
    _type(dialog, "0.025", "0.1", "10", "30")
    dialog.save()
    assert "may not change site settings" in dialog.general_error.text()
    assert load_settings(ustore).syringe is None
