"""Issue 16 in the GUI: a weight change over 10 % is read back with both values before it
is saved; a reduced dose can be marked entered in error from the dose-day tab."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.measurements import measurements_of
from ino_desk.services.planning.doses import record_dose_status
from ino_desk.ui.common.entered_in_error import EnteredInErrorDialog
from ino_desk.ui.patients.record_dialogs import MeasurementDialog
from ino_desk.ui.shell.main_window import MainWindow
from tests.people import pharmacist
from tests.persistence.factories import first_cycle


def test_a_weight_change_over_ten_percent_is_read_back_with_both_values(
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first_cycle(store, rules)  # patient 1: 170 cm, 70 kg
    window = make_window(store)
    dialog = MeasurementDialog(window.desk, 1, window)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def question(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.height_edit.setText("170")
    dialog.weight_edit.setText("78")  # 8 / 70 = 11.4 % above the last 70 kg
    dialog.save()
    assert "weight 78 kg is 11.4 % above the last measurement 70 kg" in asked[0]
    assert len(measurements_of(store, 1)) == 1  # "Correct it": nothing saved
    answer = QMessageBox.StandardButton.Save
    dialog.save()
    assert measurements_of(store, 1)[0].weight_kg == Decimal(78)


def test_a_reduced_dose_is_marked_entered_in_error_from_the_dose_day_tab(
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    saved = first_cycle(store, rules)
    day8 = saved.doses[1].id or 0
    record_dose_status(
        store, rules, day8, DoseStatus.REDUCED, pharmacist(store), "grade 3", Decimal("0.6")
    )
    window = make_window(store)
    window.patient_page.open_patient(1)
    tab = window.patient_page.dose_day
    tab.select_dose(day8)
    assert tab.buttons["error"].isEnabled()

    def answer(dialog: EnteredInErrorDialog) -> int:
        dialog.reason.setText("reduced the wrong day")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(EnteredInErrorDialog, "exec", answer)
    tab.buttons["error"].click()
    dose = store.read(lambda uow: uow.doses.get(day8))
    # Back to the planned 0.5 mg/m² × 1.82 m² = 0.91 mg; the reduction is kept as the error.
    assert (dose.status, dose.dose_mg, dose.error_status) == (
        DoseStatus.PLANNED,
        Decimal("0.91"),
        DoseStatus.REDUCED,
    )
    assert not tab.buttons["error"].isEnabled()  # planned: nothing to mark
