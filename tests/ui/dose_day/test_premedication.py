"""A premedication is recorded with drug, dose, route and time, and only before the infusion."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from ino_desk.domain.records import ChecklistCompletion
from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.planning.dose_day import checklist_state
from ino_desk.ui.dose_day.checklist_widget import ChecklistWidget
from ino_desk.ui.dose_day.premedication_dialog import PremedicationDialog
from ino_desk.ui.shell.main_window import MainWindow
from tests.ui.conftest import PHARMACIST
from tests.ui.dose_day.test_dose_actions import _patient_with_cycle_1

TITLE = "Antipyretic given before the infusion"
# The offscreen platform says so whenever a window is shown; the real click needs one.
SHOWN = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


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


def _open_checklist(window: MainWindow, patient_id: int) -> ChecklistWidget:
    window.show()
    page = window.patient_page
    page.open_patient(patient_id)
    page.show_view(page.dose_day)
    return page.dose_day.checklist


def _click_box(qtbot: QtBot, checklist: ChecklistWidget, key: str) -> None:
    """A real click on the box's indicator, as the pharmacist's mouse does."""
    box = checklist.boxes[key]
    qtbot.waitExposed(box.window())
    assert box.isVisible()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _in_the_dialog(qtbot: QtBot, act: Callable[[PremedicationDialog], None]) -> list[str]:
    """Act on the premedication dialog once it runs modally; returns what was found."""
    seen: list[str] = []
    tries = iter(range(100))  # a loaded machine may take a while to show the dialog

    def step() -> None:
        # Found among the visible top-level windows, not as "the active modal widget": which
        # window is active depends on what earlier tests left the application doing.
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isModal()]
        dialog = next((w for w in shown if isinstance(w, PremedicationDialog)), None)
        if dialog is not None:
            seen.append(dialog.windowTitle())
            act(dialog)
        elif shown and next(tries, None) is None:  # never leave a test hanging on a window
            seen.extend(f"unexpected {w.objectName()}" for w in shown)
            for window in shown:
                window.close()
        elif next(tries, None) is not None:
            QTimer.singleShot(50, step)

    QTimer.singleShot(50, step)
    return seen


def _ticks(store: SqlStore, rules: ClinicalRules, patient_id: int) -> dict[str, object]:
    dose = patient_overview(store, patient_id).courses[0].cycles[0].doses[0]
    assert dose.id is not None
    return dict(checklist_state(store, rules, dose.id).ticks)


def _escape(dialog: PremedicationDialog) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_Escape)


def _cancel_button(dialog: PremedicationDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)


@SHOWN
@pytest.mark.parametrize("cancel", [_escape, _cancel_button], ids=["Esc", "Cancel"])
def test_cancelling_the_premedication_dialog_leaves_the_item_open_and_the_app_running(
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
    cancel: Callable[[PremedicationDialog], None],
) -> None:
    """Issue #13: cancelling used to delete the clicked box inside its own handler (segfault)."""
    patient_id, _ = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    checklist = _open_checklist(window, patient_id)
    seen = _in_the_dialog(qtbot, cancel)
    _click_box(qtbot, checklist, "premed_antipyretic")
    assert seen == [TITLE]
    qtbot.wait(50)  # the event loop runs on: deferred deletions happen here
    assert window.isVisible()
    assert not checklist.boxes["premed_antipyretic"].isChecked()
    assert "premed_antipyretic" not in _ticks(store, rules, patient_id)
    # Cycle 1 Day 1: 9 items every dose + 3 for the course's first dose, none ticked.
    assert "12 of 12 items missing" in checklist.missing.text()

    # The same item again, this time saved: stored with what was given.
    def fill_and_save(dialog: PremedicationDialog) -> None:
        dialog.drug.setText("Fictional antipyretic")
        dialog.dose.setText("1 tablet")
        dialog.route.setCurrentText("PO")
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)

    seen = _in_the_dialog(qtbot, fill_and_save)
    _click_box(qtbot, checklist, "premed_antipyretic")
    assert seen == [TITLE]
    qtbot.wait(50)
    tick = _ticks(store, rules, patient_id)["premed_antipyretic"]
    assert isinstance(tick, ChecklistCompletion)
    assert (tick.premed_drug, tick.premed_dose, tick.premed_route) == (
        "Fictional antipyretic",
        "1 tablet",
        "PO",
    )
    assert tick.completed_by == PHARMACIST
    assert checklist.boxes["premed_antipyretic"].isChecked()
    assert "Fictional antipyretic 1 tablet PO" in checklist.notes["premed_antipyretic"].text()
