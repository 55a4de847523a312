"""Course clinical facts through the dialog: VOD blocks the next dose, CrCl 10 warns."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.ui.cycles.course_facts_dialog import CourseFactsDialog
from ino_desk.ui.shell.main_window import MainWindow
from tests.ui.dose_day.test_dose_actions import _patient_with_cycle_1


def _dialog(window: MainWindow, patient_id: int) -> CourseFactsDialog:
    overview = window.patient_page.overview
    assert overview is not None
    assert overview.current_course is not None
    return CourseFactsDialog(window.desk, overview.current_course.course, patient_id, window)


def test_recorded_vod_blocks_the_next_dose_after_reopening(
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    open_store: Callable[[], SqlStore],
    rules: ClinicalRules,
) -> None:
    store = open_store()
    patient_id, _ = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    assert window.patient_page.facts_button.isEnabled()
    dialog = _dialog(window, patient_id)
    dialog.vod.setChecked(True)
    dialog.save()
    assert dialog.form.error_text("VOD diagnosed by") == "is required"  # who diagnosed it
    dialog.vod_by.setText("Dr. Fictional")
    dialog.save()
    assert dialog.saved
    window.close()

    again = make_window(open_store())
    again.patient_page.open_patient(patient_id)
    course = patient_overview(again.desk.store, patient_id).courses[0]
    assert course.course.vod_diagnosed_by == "Dr. Fictional"
    day8 = course.cycles[0].doses[1]
    assert day8.id is not None
    again.patient_page.dose_day.select_dose(day8.id)
    assert "stop VOD_STOP" in again.patient_page.dose_day.gates.plain_text()
    timeline = again.patient_page.timeline.topLevelItem(0)
    assert timeline is not None
    assert "VOD/SOS" in timeline.text(3)


def test_crcl_10_warns_and_bad_crcl_is_named(
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
) -> None:
    patient_id, _ = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    dialog = _dialog(window, patient_id)
    dialog.crcl.setText("ten")
    dialog.save()
    assert "whole number" in dialog.form.error_text("CrCl")
    dialog.crcl.setText("400")
    dialog.save()
    assert "outside the allowed range" in dialog.form.error_text("CrCl")
    dialog.crcl.setText("10")  # below 15 mL/min (PI 8.6): no data, a warning
    dialog.save()
    assert dialog.saved
    course = patient_overview(store, patient_id).courses[0]
    day1 = course.cycles[0].doses[0]
    assert day1.id is not None
    window.patient_page.dose_day.select_dose(day1.id)
    gates = window.patient_page.dose_day.gates.plain_text()
    assert "warning RENAL_NO_DATA" in gates
