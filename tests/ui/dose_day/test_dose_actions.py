"""Dose-day actions, reductions and settings through the screens, on a real SQLite file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from ino_desk.domain.billing import BillingRounding
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.findings import RefusedError
from ino_desk.domain.patients.labs import Measurement
from ino_desk.domain.patients.patient import Patient, Sex
from ino_desk.domain.rules import ClinicalRules
from ino_desk.domain.staff.users import Role
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, preview_next_cycle, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput
from ino_desk.services.planning.doses import move_dose_date
from ino_desk.services.settings import load_settings
from ino_desk.ui.cycles.dose_lines import DoseColumn
from ino_desk.ui.settings.settings_dialog import SettingsDialog
from ino_desk.ui.shell.main_window import MainWindow, Screen
from ino_desk.ui.work_queue.work_queue import QueueColumn
from tests.people import pharmacist, stored_user

START = date(2026, 12, 1)


def _patient_with_cycle_1(store: SqlStore, rules: ClinicalRules) -> tuple[int, CycleInput]:
    p = register_patient(
        store,
        Patient("MRN-55", "Sample", "Ben", date(1990, 5, 5), Sex.MALE, True, "", "ALL"),
        pharmacist(store),
    )
    assert p.id is not None
    m = record_measurement(
        store, Measurement(p.id, START, Decimal(170), Decimal(70)), pharmacist(store)
    )
    course = start_course(store, p.id, START, False, pharmacist(store))
    assert course.id is not None
    assert m.id is not None
    given = CycleInput(course.id, m.id, START, prescriber_name="Dr Test Prescriber")
    # Planned by its own pharmacist: whoever verifies it later must be someone else.
    save_next_cycle(store, rules, given, Reduction(), pharmacist(store, "pharm.planner"))
    return p.id, given


def test_move_day_8_inside_its_window_keeping_six_days(
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
) -> None:
    patient_id, _ = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    day = window.patient_page.dose_day
    day8 = patient_overview(store, patient_id).courses[0].cycles[0].doses[1]
    assert day8.id is not None
    day.select_dose(day8.id)
    # Day 8 is 2026-12-08, ±2 days, at least 6 days from Day 1 (12-01) and Day 15 (12-15):
    # the date edit offers 12-07 to 12-09 only (12-06 and 12-10 are 5 days from a dose).
    assert day.new_date.minimumDate() == QDate(2026, 12, 7)
    assert day.new_date.maximumDate() == QDate(2026, 12, 9)
    assert "window 2026-12-07 to 2026-12-09" in day.details.text()
    with pytest.raises(RefusedError, match="at least 6 days from any other dose"):
        move_dose_date(store, rules, day8.id, date(2026, 12, 6), pharmacist(store), "closed")
    day.reason.setText("Clinic closed")
    day.new_date.setDate(QDate(2026, 12, 7))  # 6 days after Day 1, 8 before Day 15
    qtbot.mouseClick(day.buttons["move"], Qt.MouseButton.LeftButton)
    assert day.message.text() == ""
    moved = patient_overview(store, patient_id).courses[0].cycles[0].doses[1]
    assert moved.planned_date == date(2026, 12, 7)
    assert moved.status is DoseStatus.PLANNED


def test_reduced_dose_and_omitted_dose_need_reasons(
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
) -> None:
    patient_id, _ = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    day = window.patient_page.dose_day
    doses = patient_overview(store, patient_id).courses[0].cycles[0].doses
    assert doses[1].id is not None
    assert doses[2].id is not None
    day.select_dose(doses[2].id)
    qtbot.mouseClick(day.buttons["omitted"], Qt.MouseButton.LeftButton)
    assert "needs a reason" in day.message.text()
    day.reason.setText("Interruption of 7 days for grade 3 toxicity")
    qtbot.mouseClick(day.buttons["omitted"], Qt.MouseButton.LeftButton)
    day.select_dose(doses[1].id)
    day.reason.setText("Grade 2 mucositis")
    day.reduced_mg.setText("0.95")  # more than the planned 0.91 mg: refused
    qtbot.mouseClick(day.buttons["reduced"], Qt.MouseButton.LeftButton)
    assert "less than the planned 0.91 mg" in day.message.text()
    day.reduced_mg.setText("0.7")
    qtbot.mouseClick(day.buttons["reduced"], Qt.MouseButton.LeftButton)
    assert day.message.text() == ""
    after = patient_overview(store, patient_id).courses[0].cycles[0].doses
    assert [d.status for d in after] == [DoseStatus.PLANNED, DoseStatus.REDUCED, DoseStatus.OMITTED]
    assert after[1].dose_mg == Decimal("0.70")
    assert after[1].vials == 1  # ceil(0.7 / 0.9)


def test_reduction_levels_never_go_back(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore, rules: ClinicalRules
) -> None:
    patient_id, given = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    page = window.patient_page
    page.open_patient(patient_id)
    plan = page.plan
    plan.response.setCurrentIndex(plan.response.findData(Response.CR))
    plan.reduction.setCurrentIndex(plan.reduction.findData(ReductionLevel.REDUCED_TOTAL))
    # CR row 0.5 mg/m² reduced by 25 %: 0.375 mg/m²; × 1.82 m² = 0.6825 -> 0.68 mg.
    assert [plan.model.index(r, DoseColumn.DOSE).data() for r in range(3)] == ["0.68 mg"] * 3
    assert "info DOSE_REDUCED" in plan.findings.plain_text()
    plan.save()
    assert "Cycle 2 saved" in plan.saved_note.text()

    # Cycle 3: full dose is no longer offered, and the service refuses it too.
    item = plan.reduction.model().index(plan.reduction.findData(ReductionLevel.FULL), 0)
    assert not plan.reduction.model().flags(item) & Qt.ItemFlag.ItemIsEnabled
    assert plan.reduction.currentData() == ReductionLevel.REDUCED_TOTAL
    cycle3 = CycleInput(given.course_id, given.measurement_id, START + timedelta(days=49))
    previous = CycleOutcome(Response.CR, False)
    full = preview_next_cycle(store, rules, cycle3, Reduction(ReductionLevel.FULL), previous)
    assert [f.code for f in full.findings if f.blocks] == ["RE_ESCALATION"]

    # Two doses per cycle: the pharmacist chooses the days (here 1 and 15).
    plan.response.setCurrentIndex(plan.response.findData(Response.CR))
    plan.reduction.setCurrentIndex(plan.reduction.findData(ReductionLevel.TWO_DOSES))
    assert "choose exactly 2 of the days" in plan.message.text()
    plan.day_boxes[1].setChecked(True)
    plan.day_boxes[15].setChecked(True)
    assert [plan.model.index(r, DoseColumn.DAY).data() for r in range(2)] == ["Day 1", "Day 15"]
    assert plan.model.rowCount() == 2


def test_settings_are_saved_and_bad_values_named(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    # Site policies are the administrator's to change (entered for the P&T committee).
    window.desk.set_user(stored_user(store, "admin", Role.ADMINISTRATOR))
    dialog = SettingsDialog(window.desk, window)
    dialog.site_name.setText("Fictional General Hospital")
    dialog.rounding.setCurrentIndex(1)
    dialog.rounding_percent.setText("25")
    dialog.reason.setText("Pharmacy and therapeutics committee decision")
    dialog.save()
    assert "at most 10 %" in dialog.form.error_text("dose rounding")
    dialog.rounding_percent.setText("5")
    dialog.lead.setText("500")
    dialog.save()
    assert "allowed 0 to 240 minutes" in dialog.form.error_text("premedication lead time")
    dialog.lead.setText("45")
    dialog.template.setPlainText(
        "Fictional example: corticosteroid X, antipyretic Y, antihistamine Z"
    )
    assert not dialog.planner_may_verify.isChecked()  # separation of duties by default
    dialog.planner_may_verify.setChecked(True)
    assert dialog.billing.currentData() == BillingRounding.ADMINISTERED_UP  # the CMS default
    dialog.billing.setCurrentIndex(dialog.billing.findData(BillingRounding.NEAREST))
    dialog.save()
    saved = load_settings(store)
    assert saved.policy.planner_may_verify
    assert saved.billing_rounding is BillingRounding.NEAREST
    assert saved.site_name == "Fictional General Hospital"
    assert saved.premedication_lead_minutes == 45
    assert saved.policy.dose_rounding.max_percent == Decimal(5)


def test_nothing_is_saved_without_a_signed_in_user(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    window.desk.set_user(None)
    dialog = SettingsDialog(window.desk, window)
    dialog.reason.setText("test")
    dialog.save()
    assert "sign in before saving" in dialog.general_error.text()
    assert window.signed_in.text() == "Not signed in"


def test_a_pharmacist_cannot_change_site_settings(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    dialog = SettingsDialog(window.desk, window)
    dialog.site_name.setText("Changed by a pharmacist")
    dialog.reason.setText("test")
    dialog.save()
    assert "may not change site settings" in dialog.general_error.text()
    assert load_settings(store).site_name != "Changed by a pharmacist"


def test_today_lists_the_doses_due(
    make_window: Callable[..., MainWindow], store: SqlStore, rules: ClinicalRules
) -> None:
    patient_id, _ = _patient_with_cycle_1(store, rules)
    # Day 8 (12-08) is due tomorrow by the desk's clock.
    window = make_window(store, now=datetime(2026, 12, 7, 12, 0, tzinfo=UTC))
    window.nav.setCurrentRow(Screen.TODAY)
    model = window.today.model
    assert model.rowCount() == 1
    assert model.index(0, QueueColumn.CYCLE_DAY).data() == "C1 D8"
    assert model.index(0, QueueColumn.STATE).data() == "Ordered"
    assert model.row_at(0).patient_id == patient_id
    # Day 8 applies 9 checklist items (not the 3 first-dose ones); none ticked yet.
    window.today.ask_findings_for_visible_rows()
    assert "CHECKLIST_OPEN" in model.index(0, QueueColumn.FINDINGS).data()


def test_response_recorded_without_planning_the_next_cycle(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore, rules: ClinicalRules
) -> None:
    patient_id, _ = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    plan = window.patient_page.plan
    plan.record_response()
    assert "choose CR, CRi or no CR/CRi" in plan.message.text()
    plan.response.setCurrentIndex(plan.response.findData(Response.CRI))
    plan.mrd.setCurrentIndex(plan.mrd.findData(True))
    plan.record_response()
    assert plan.saved_note.text() == "Response of cycle 1 recorded."
    cycle = patient_overview(store, patient_id).courses[0].cycles[0].cycle
    assert cycle.response is Response.CRI
    assert cycle.mrd_negative is True
    assert len(patient_overview(store, patient_id).courses[0].cycles) == 1


def test_window_geometry_is_remembered(
    qtbot: QtBot, make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    window.setGeometry(40, 50, 700, 500)  # inside the offscreen screen (800 × 600)
    window.close()
    again = make_window(store)
    assert again.size().width() == 700
    assert again.size().height() == 500
    assert again.signed_in.text() == "Signed in: Paula Apothecary (Pharmacist)"
