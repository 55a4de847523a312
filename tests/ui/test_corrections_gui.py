"""Issue 16 in the GUI: a date of birth has no default and is never clamped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ino_desk.domain.patient import Sex
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.ui.dialogs.patient_dialog import PatientDialog
from ino_desk.ui.main_window import MainWindow


def _filled(window: MainWindow) -> PatientDialog:
    dialog = PatientDialog(window.desk, None, window)
    dialog.family.setText("Testperson")
    dialog.given.setText("Ada")
    dialog.mrn.setText("MRN-DOB")
    dialog.sex.setCurrentIndex(dialog.sex.findData(Sex.FEMALE))
    dialog.none_known.setChecked(True)
    return dialog


def test_date_of_birth_starts_empty_and_must_be_filled(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    dialog = _filled(window)
    assert dialog.birth.text() == ""
    dialog.save()
    assert dialog.saved is None
    assert dialog.form.error_text("date of birth") == "is required (YYYY-MM-DD)"


def test_a_future_date_of_birth_is_refused_with_a_message_not_clamped(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    dialog = _filled(window)
    tomorrow = date.today() + timedelta(days=1)
    dialog.birth.setText(tomorrow.isoformat())
    dialog.save()
    assert dialog.saved is None
    assert dialog.form.error_text("date of birth") == (
        f"{tomorrow.isoformat()} is in the future (today is {date.today().isoformat()})"
    )
    assert dialog.birth.text() == tomorrow.isoformat()  # left as typed, for correction


def test_select_all_then_typing_a_full_date_replaces_the_year(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore, qtbot: QtBot
) -> None:
    window = make_window(store)
    dialog = _filled(window)
    dialog.birth.setText("1980-01-01")
    qtbot.keyClick(dialog.birth, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.birth, "1957-11-23")
    assert dialog.birth.text() == "1957-11-23"
    dialog.save()
    assert dialog.saved is not None
    assert dialog.saved.date_of_birth == date(1957, 11, 23)
