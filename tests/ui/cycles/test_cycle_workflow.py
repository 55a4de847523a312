"""A whole cycle through the GUI on a real SQLite file: patient, plan, hold, checklist, reopen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.patients.patient import Sex
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.planning.dose_day import PremedicationGiven
from ino_desk.ui.cycles.course_dialog import CourseDialog
from ino_desk.ui.cycles.dose_lines import DoseColumn, DoseLinesModel
from ino_desk.ui.patients.patient_dialog import PatientDialog
from ino_desk.ui.patients.record_dialogs import LabDialog, MeasurementDialog
from ino_desk.ui.shell.main_window import MainWindow
from tests.ui.conftest import PHARMACIST

START = date(2026, 12, 1)


def _cells(model: DoseLinesModel, column: DoseColumn) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _register(window: MainWindow, mrn: str = "MRN-1001") -> PatientDialog:
    dialog = PatientDialog(window.desk, None, window)
    dialog.family.setText("Testperson")
    dialog.given.setText("Ada")
    dialog.mrn.setText(mrn)
    dialog.birth.setText("1985-04-02")
    dialog.sex.setCurrentIndex(dialog.sex.findData(Sex.FEMALE))
    dialog.none_known.setChecked(True)
    dialog.diagnosis.setPlainText("Relapsed CD22-positive B-cell precursor ALL")
    dialog.save()
    return dialog


def test_patient_dialog_shows_messages_next_to_the_fields(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    dialog = PatientDialog(window.desk, None, window)
    dialog.family.setText("Testperson")
    dialog.save()  # given name, MRN, sex and allergies missing: all said at once
    assert dialog.form.error_text("given name") == "is required"
    assert dialog.form.error_text("MRN") == "is required"
    assert "choose one" in dialog.form.error_text("sex")
    assert "none known" in dialog.form.error_text("allergies")
    assert dialog.form.error_text("family name") == ""
    assert dialog.saved is None
    dialog.given.setText("Ada")
    dialog.sex.setCurrentIndex(dialog.sex.findData(Sex.FEMALE))
    dialog.none_known.setChecked(True)

    dialog.mrn.setText("MRN-1")
    dialog.none_known.setAutoExclusive(False)
    dialog.none_known.setChecked(False)
    dialog.save()  # neither allergies listed nor "none known" stated
    assert "none known" in dialog.form.error_text("allergies")

    first = _register(window, "MRN-7")
    assert first.saved is not None
    typing = PatientDialog(window.desk, None, window)
    typing.mrn.setText("mrn-7")
    typing.check_mrn()  # leaving the field says it at once, before Save
    assert "already registered" in typing.form.error_text("MRN")
    duplicate = _register(window, "MRN-7")
    assert "already registered" in duplicate.form.error_text("MRN")
    assert duplicate.saved is None


def test_measurement_dialog_refuses_bad_height_and_weight(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    saved = _register(window).saved
    assert saved is not None
    assert saved.id is not None
    dialog = MeasurementDialog(window.desk, saved.id, window)
    dialog.height_edit.setText("17")
    dialog.weight_edit.setText("70")
    dialog.save()
    assert "outside the allowed range 40 to 250 cm" in dialog.form.error_text("height")
    dialog.height_edit.setText("170")
    dialog.weight_edit.setText("seventy")
    dialog.save()
    assert "is not a number" in dialog.form.error_text("weight")
    dialog.weight_edit.setText("0")
    dialog.save()
    assert dialog.form.error_text("weight") == "must be greater than zero"
    assert patient_overview(store, saved.id).measurements == ()


def test_a_whole_cycle_survives_closing_and_reopening(
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    open_store: Callable[[], SqlStore],
    message_boxes: list[str],
) -> None:
    store = open_store()
    window = make_window(store, now=datetime(2026, 12, 1, 9, 30, tzinfo=UTC))  # START's day
    saved = _register(window).saved
    assert saved is not None
    assert saved.id is not None
    patient_id = saved.id
    page = window.patient_page
    assert page.patient_id == patient_id  # a new patient opens at once

    m = MeasurementDialog(window.desk, patient_id, window)
    m.measured_on.setDate(QDate(2026, 11, 30))
    m.height_edit.setText("170")
    m.weight_edit.setText("70")
    m.save()
    labs = LabDialog(window.desk, patient_id, window)
    labs.drawn_on.setDate(QDate(2026, 11, 30))
    labs.fields["ANC"].setText("1.5")
    labs.fields["platelets"].setText("120")
    labs.transfused.setCurrentIndex(labs.transfused.findData(False))
    labs.fields["peripheral blasts"].setText("20000")
    labs.save()
    course = CourseDialog(window.desk, patient_id, window)
    course.started_on.setDate(QDate(2026, 12, 1))
    course.hsct.setCurrentIndex(course.hsct.findData(False))
    course.confirm.setChecked(True)
    course.save()
    assert not labs.general_error.text()
    assert not course.general_error.text()

    # Cycle 1. BSA (Mosteller) = sqrt(170 × 70 / 3600) = sqrt(3.3056) = 1.818 -> 1.82 m².
    # Day 1: 0.8 × 1.82 = 1.456 -> 1.46 mg; Days 8 and 15: 0.5 × 1.82 = 0.91 mg.
    # Vials ceil(1.46 / 0.9) = 2 and ceil(0.91 / 0.9) = 2; drug 1.46 / 0.25 = 5.84 mL and
    # 0.91 / 0.25 = 3.64 mL; diluent 50 - 5.84 = 44.16 and 50 - 3.64 = 46.36 mL;
    # concentration 1.46 / 50 = 0.0292 and 0.91 / 50 = 0.0182 mg/mL; discarded
    # 2 × 0.9 - 1.46 = 0.34 and 1.8 - 0.91 = 0.89 mg.
    plan = page.plan
    plan.start.setDate(QDate(2026, 12, 1))
    model = plan.model
    assert _cells(model, DoseColumn.DATE) == ["2026-12-01", "2026-12-08", "2026-12-15"]
    # Day 8 (12-08) ± 2 days, at least 6 days from Day 1 (12-01) and Day 15 (12-15).
    assert _cells(model, DoseColumn.WINDOW)[1] == "2026-12-07 to 2026-12-09"
    assert _cells(model, DoseColumn.MG_PER_M2) == ["0.8", "0.5", "0.5"]
    assert _cells(model, DoseColumn.DOSE) == ["1.46 mg", "0.91 mg", "0.91 mg"]
    assert _cells(model, DoseColumn.VIALS) == ["2", "2", "2"]
    assert _cells(model, DoseColumn.DRUG_VOLUME) == ["5.84 mL", "3.64 mL", "3.64 mL"]
    assert _cells(model, DoseColumn.DILUENT) == ["44.16 mL", "46.36 mL", "46.36 mL"]
    assert _cells(model, DoseColumn.CONCENTRATION) == [
        "0.0292 mg/mL",
        "0.0182 mg/mL",
        "0.0182 mg/mL",
    ]
    assert _cells(model, DoseColumn.DISCARDED) == ["0.34 mg", "0.89 mg", "0.89 mg"]
    assert "21 days" in plan.summary.text()
    qtbot.mouseClick(plan.save_button, Qt.MouseButton.LeftButton)
    assert "Cycle 1 saved" in plan.saved_note.text()
    # The form moves on to cycle 2, which needs cycle 1's response before it can be planned.
    assert "needs the response of cycle 1" in plan.message.text()

    # Day 8 held with a reason.
    day = page.dose_day
    overview = patient_overview(store, patient_id)
    c1 = overview.courses[0].cycles[0]
    day1, day8 = c1.doses[0], c1.doses[1]
    assert day1.id is not None
    assert day8.id is not None
    day.select_dose(day8.id)
    qtbot.mouseClick(day.buttons["held"], Qt.MouseButton.LeftButton)
    assert "needs a reason" in day.message.text()  # no reason typed: nothing saved
    day.reason.setText("Grade 2 nausea; held on the oncologist's advice")
    qtbot.mouseClick(day.buttons["held"], Qt.MouseButton.LeftButton)
    assert day.message.text() == ""

    # Day 1: peripheral blasts 20,000/mm³ > 10,000 block the first dose until overridden.
    day.select_dose(day1.id)
    assert "blocking CYTOREDUCTION_NEEDED" in day.gates.plain_text()
    qtbot.mouseClick(day.buttons["given"], Qt.MouseButton.LeftButton)
    # Blocking, overridable: the gate and the interlock (no verified order, no bag, checklist).
    assert "A blocking finding stands: CYTOREDUCTION_NEEDED" in day.message.text()
    # Complete Day 1's checklist: every item, ticked by the current pharmacist.
    checklist = day.checklist
    assert checklist.state is not None
    keys = [item.key for item in checklist.state.items]
    assert "cytoreduction" in keys
    assert "premed_corticosteroid" in keys
    infusion = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    asked: list[str] = []

    def premedication(title: str) -> PremedicationGiven:
        asked.append(title)
        return PremedicationGiven(
            "Fictional premed", "1 tablet", "PO", infusion - timedelta(hours=1), infusion
        )

    checklist.ask_premedication = premedication
    for key in keys:
        checklist.boxes[key].setChecked(True)
    assert len(asked) == 3  # corticosteroid, antipyretic, antihistamine
    assert checklist.state is not None
    assert checklist.state.complete
    assert "complete" in checklist.missing.text()
    day.override.setText("Cytoreduced with hydroxyurea; repeat count pending, oncologist agrees")
    qtbot.mouseClick(day.buttons["given"], Qt.MouseButton.LeftButton)
    assert day.message.text() == ""

    # Cycle 2 after CR: 0.5 mg/m² on Days 1, 8 and 15 over 28 days.
    # 0.5 × 1.82 = 0.91 mg each; starts 21 days after 2026-12-01, on 2026-12-22.
    plan.response.setCurrentIndex(plan.response.findData(Response.CR))
    assert _cells(plan.model, DoseColumn.MG_PER_M2) == ["0.5", "0.5", "0.5"]
    assert _cells(plan.model, DoseColumn.DOSE) == ["0.91 mg", "0.91 mg", "0.91 mg"]
    assert _cells(plan.model, DoseColumn.DATE) == ["2026-12-22", "2026-12-29", "2027-01-05"]
    assert "28 days" in plan.summary.text()
    qtbot.mouseClick(plan.save_button, Qt.MouseButton.LeftButton)
    assert "Cycle 2 saved" in plan.saved_note.text()
    assert message_boxes == []
    window.close()

    # Reopen the same file in a new window: everything is there.
    again = make_window(open_store())
    again.patients.search.setText("MRN-10")
    again.patients.run_search()
    assert again.patients.model.rowCount() == 1
    again.patients.patientOpened.emit(again.patients.model.row_at(0).id)
    found = again.patient_page.overview
    assert found is not None
    cycles = found.courses[0].cycles
    assert [c.cycle.number for c in cycles] == [1, 2]
    assert cycles[0].cycle.response is Response.CR
    assert cycles[1].cycle.length_days == 28
    statuses = [d.status for d in cycles[0].doses]
    assert statuses == [DoseStatus.GIVEN, DoseStatus.HELD, DoseStatus.PLANNED]
    assert cycles[0].doses[1].reason == "Grade 2 nausea; held on the oncologist's advice"
    assert "Cytoreduced with hydroxyurea" in cycles[0].doses[0].reason
    assert cycles[0].doses[0].decided_by == PHARMACIST
    assert [str(d.dose_mg) for d in cycles[1].doses] == ["0.91", "0.91", "0.91"]
    again.patient_page.dose_day.select_dose(day1.id)
    ticks = again.patient_page.dose_day.checklist.state
    assert ticks is not None
    assert ticks.complete
    assert {t.completed_by for t in ticks.ticks.values()} == {PHARMACIST}
    # The premedication details were stored with the tick and are shown again after reopening.
    steroid = ticks.ticks["premed_corticosteroid"]
    assert (steroid.premed_drug, steroid.premed_dose, steroid.premed_route) == (
        "Fictional premed",
        "1 tablet",
        "PO",
    )
    assert steroid.premed_given_at == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00 - 1 h
    shown = again.patient_page.dose_day.checklist.notes["premed_corticosteroid"]
    local = steroid.premed_given_at.astimezone()
    assert f"Fictional premed 1 tablet PO, given {local:%Y-%m-%d %H:%M}" in shown.text()
