"""Issue 16 in the GUI: a date of birth has no default and is never clamped; a lab marked
entered in error is struck through and the rules stop reading it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from ino_desk.domain.patients.patient import Sex
from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.labs import record_lab_result
from ino_desk.services.charts.measurements import measurements_of
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.planning.course_history import findings_on_their_day
from ino_desk.ui.common.entered_in_error import EnteredInErrorDialog
from ino_desk.ui.patients.patient_dialog import PatientDialog
from ino_desk.ui.patients.record_dialogs import LabDialog, MeasurementDialog
from ino_desk.ui.shell.main_window import MainWindow
from tests.people import pharmacist
from tests.persistence.factories import first_cycle, lab, patient


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


def _course_with_a_wrong_lab(store: SqlStore, rules: ClinicalRules) -> tuple[int, int]:
    """Cycle 1 planned from 170 cm / 70 kg, a right lab and a newer wrong one (liver values:
    bilirubin 2.0 > 1.5 × ULN 1.0 and AST 120 > 2.5 × ULN 40: hold the dose, PI 2.3)."""
    saved = first_cycle(store, rules)
    day1 = saved.doses[0].id
    assert day1 is not None
    record_lab_result(store, lab(1), pharmacist(store))
    wrong = replace(
        lab(1),
        drawn_on=date(2026, 3, 2),
        total_bilirubin=Decimal("2.0"),
        total_bilirubin_uln=Decimal("1.0"),
        ast_u_per_l=Decimal("120"),
    )
    record_lab_result(store, wrong, pharmacist(store))
    return 1, day1


def _codes(store: SqlStore, rules: ClinicalRules, dose_id: int) -> set[str]:
    found = store.read(lambda uow: findings_on_their_day(uow, rules, [dose_id]))
    return {f.code for f in found[dose_id]}


def test_marking_a_lab_entered_in_error_strikes_it_and_the_rules_change(
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patient_id, day1 = _course_with_a_wrong_lab(store, rules)
    assert "HOLD_DOSE_LIVER" in _codes(store, rules, day1)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    table = window.patient_page.labs
    table.setCurrentCell(0, 0)  # newest first: the wrong draw of 2026-03-02
    named: list[str] = []

    def answer(dialog: EnteredInErrorDialog) -> int:
        named.append(dialog.findChild(QLabel, "enteredInErrorTarget").text())
        dialog.reason.setText("values of another patient")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(EnteredInErrorDialog, "exec", answer)
    window.patient_page.lab_errors.button.click()
    assert "lab results drawn 2026-03-02" in named[0]
    assert "HOLD_DOSE_LIVER" not in _codes(store, rules, day1)
    table = window.patient_page.labs
    assert table.rowCount() == 2  # kept, not deleted
    assert table.item(0, 0).font().strikeOut()
    assert "values of another patient" in table.item(0, 0).toolTip()
    assert not table.item(1, 0).font().strikeOut()


def test_enter_in_the_reason_never_marks(qtbot: QtBot) -> None:
    dialog = EnteredInErrorDialog("lab results drawn 2026-03-02")
    qtbot.addWidget(dialog)
    accepted: list[bool] = []
    dialog.accepted.connect(lambda: accepted.append(True))
    dialog.reason.setText("wrong patient")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Enter)
    assert accepted == []
    assert not dialog.mark.isDefault()


def _measuring(window: MainWindow, store: SqlStore) -> tuple[MeasurementDialog, int]:
    saved = register_patient(store, patient(), pharmacist(store))
    assert saved.id is not None
    return MeasurementDialog(window.desk, saved.id, window), saved.id


def test_pounds_typed_as_kilograms_are_read_back_before_saving(
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(store)
    dialog, patient_id = _measuring(window, store)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def question(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.height_edit.setText("170")
    dialog.weight_edit.setText("165")
    dialog.save()
    # 170 cm, 165 kg: weight over 150 kg; Mosteller sqrt(170 × 165 / 3600) = 2.79 m² > 2.6.
    assert "weight 165 kg is outside the plausible range 5 to 150 kg" in asked[0]
    assert "BSA 2.79 m² is outside the plausible range 0.3 to 2.6 m²" in asked[0]
    assert "plausible range" in dialog.form.error_text("weight")
    assert measurements_of(store, patient_id) == []
    answer = QMessageBox.StandardButton.Save
    dialog.save()
    [saved] = measurements_of(store, patient_id)
    assert saved.weight_kg == Decimal(165)


def test_inches_and_pounds_are_stored_in_cm_and_kg(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    dialog, patient_id = _measuring(window, store)
    dialog.height_edit.setText("67")
    dialog.height_unit.setCurrentIndex(dialog.height_unit.findData(True))
    dialog.weight_edit.setText("165")
    dialog.weight_unit.setCurrentIndex(dialog.weight_unit.findData(True))
    dialog.save()
    [saved] = measurements_of(store, patient_id)
    # 67 in × 2.54 = 170.18 cm; 165 lb × 0.45359237 = 74.84274105 kg (exact definitions)
    assert (saved.height_cm, saved.weight_kg) == (Decimal("170.18"), Decimal("74.84274105"))


def test_bilirubin_shows_its_unit(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    dialog = LabDialog(window.desk, 1, window)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Total bilirubin (mg/dL):" in labels
    assert "Total bilirubin ULN (mg/dL):" in labels
