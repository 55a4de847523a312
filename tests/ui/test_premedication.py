"""A premedication is recorded with drug, dose, route and time, and only before the infusion."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime

from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.dose_day import checklist_state
from ino_desk.services.patient_overview import patient_overview
from ino_desk.ui.dialogs.premedication_dialog import PremedicationDialog
from ino_desk.ui.main_window import MainWindow
from tests.ui.test_dose_actions import _patient_with_cycle_1

TITLE = "Antipyretic given before the infusion"


def test_premedication_after_the_infusion_start_is_refused(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    dialog = PremedicationDialog(window.desk, TITLE, window)
    dialog.save()
    assert dialog.form.error_text("drug") == "is required"
    dialog.drug.setText("Fictional antipyretic")
    dialog.dose.setText("1 tablet")
    start = datetime(2026, 12, 1, 10, 0)
    dialog.infusion_start.setDateTime(QDateTime(start))
    dialog.given_at.setDateTime(QDateTime(start + timedelta(minutes=5)))
    dialog.save()
    assert "at or after the infusion start" in dialog.form.error_text("time given")
    assert dialog.given is None
    # 30 minutes before: allowed, with the site's 60-minute lead time as a warning.
    dialog.given_at.setDateTime(QDateTime(start - timedelta(minutes=30)))
    assert "less than 60 minutes" in dialog.timing.text()
    dialog.save()
    assert dialog.given is not None
    assert dialog.given.route == "IV"


def test_premedication_tick_is_stored_with_who(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore, rules: ClinicalRules
) -> None:
    patient_id, _ = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    checklist = window.patient_page.dose_day.checklist
    checklist.ask_premedication = lambda _title: None  # the pharmacist cancels
    checklist.boxes["premed_antipyretic"].setChecked(True)
    assert not checklist.boxes["premed_antipyretic"].isChecked()
    dose = patient_overview(store, patient_id).courses[0].cycles[0].doses[0]
    assert dose.id is not None
    assert "premed_antipyretic" not in checklist_state(store, rules, dose.id).ticks
