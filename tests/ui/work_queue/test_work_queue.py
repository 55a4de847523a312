"""The Today screen as the IV room's work queue, on a real SQLite file with a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from ino_desk.domain.bench.dose_codes import bag_code
from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.planning.work_queue import WorkState
from ino_desk.ui.shell.main_window import MainWindow, Screen
from ino_desk.ui.work_queue.work_queue import PENDING, QueueColumn
from tests.queue_doses import NOW, RECONSTITUTED, QueueDose, doses_in_each_state

MakeWindow = Callable[..., MainWindow]
# The offscreen platform says this when a window is shown; it is not our fault.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def clocked(store: SqlStore) -> SqlStore:
    """The store reads the same fixed clock as the window: a bag is made on its own day."""
    return SqlStore(store.database, clock=lambda: NOW)


@pytest.fixture
def queue(
    make_window: MakeWindow, clocked: SqlStore, rules: ClinicalRules
) -> tuple[MainWindow, dict[str, QueueDose]]:
    made = doses_in_each_state(clocked, rules)
    window = make_window(clocked, now=NOW)
    window.nav.setCurrentRow(Screen.TODAY)
    return window, made


def _column(window: MainWindow, column: QueueColumn) -> dict[str, str]:
    """Family name -> the column's text, for the rows shown."""
    model = window.today.model
    return {
        model.row_at(r).patient_name.split(",")[0]: model.index(r, column).data()
        for r in range(model.rowCount())
    }


def _hhmm(moment: object) -> str:
    return moment.astimezone().strftime("%H:%M")  # type: ignore[attr-defined]


def test_each_dose_shows_its_state_count_clock_and_findings(
    qtbot: QtBot, queue: tuple[MainWindow, dict[str, QueueDose]]
) -> None:
    window, made = queue
    window.show()  # findings are asked for the rows on screen
    qtbot.waitExposed(window)
    today = window.today
    assert today.model.rowCount() == 9
    assert _column(window, QueueColumn.STATE) == {
        "Checked": "Checked",
        "Given": "Given",
        "Held": "Held",
        "Labelled": "Labelled",
        "Omitted": "Omitted",
        "Ordered": "Ordered",
        "Preparing": "In preparation",
        "Verified": "Verified",
        "Tomorrow": "Ordered",
    }
    buttons = {key: b.text() for key, b in today.states.buttons.items()}
    assert buttons == {
        "all": "All 9",
        "ordered": "Ordered 2",
        "verified": "Verified 1",
        "in preparation": "In preparation 1",
        "checked": "Checked 1",
        "labelled": "Labelled 1",
        "given": "Given 1",
        "held": "Held 1",
        "omitted": "Omitted 1",
    }
    # Reconstituted 08:00, it is 09:30: dilute by 12:00 (4 h); the diluted bags (08:30, room
    # temperature) start by 12:30, the earlier of 08:30 + 4 h and 08:00 + 8 h − 1 h.
    dilute_by, start_by = RECONSTITUTED + timedelta(hours=4), RECONSTITUTED + timedelta(hours=4.5)
    clocks = _column(window, QueueColumn.CLOCK)
    assert clocks["Preparing"] == f"dilute by {_hhmm(dilute_by)} — 2 h 30 min"
    assert clocks["Checked"] == f"start by {_hhmm(start_by)} — 3 h 00 min"
    assert clocks["Labelled"] == clocks["Checked"]
    assert clocks["Given"] == clocks["Ordered"] == ""
    qtbot.waitUntil(lambda: PENDING not in _column(window, QueueColumn.FINDINGS).values())
    findings = _column(window, QueueColumn.FINDINGS)
    assert "ORDER_NOT_VERIFIED" in findings["Ordered"]
    assert "ORDER_NOT_VERIFIED" not in findings["Labelled"]
    assert "CHECKLIST_OPEN" in findings["Labelled"]
    assert findings["Given"] == findings["Held"] == findings["Omitted"] == ""
    ordered = today.model.row_of(made["ordered"].dose_id)
    tip = today.model.index(ordered, QueueColumn.FINDINGS).data(Qt.ItemDataRole.ToolTipRole)
    assert "ORDER_NOT_VERIFIED (pharmacy workflow): Day 1: the order has no valid" in tip


def test_findings_are_asked_for_the_rows_on_screen_only(
    qtbot: QtBot, queue: tuple[MainWindow, dict[str, QueueDose]]
) -> None:
    window, _ = queue
    window.show()
    qtbot.waitExposed(window)
    table = window.today.table
    table.setFixedHeight(table.horizontalHeader().height() + 3 * table.rowHeight(0) + 4)
    window.today.reload()  # what was known is dropped; asked again for what shows now
    assert set(_column(window, QueueColumn.FINDINGS).values()) >= {PENDING}
    qtbot.waitUntil(lambda: _column(window, QueueColumn.FINDINGS)["Checked"] != PENDING)
    qtbot.wait(50)  # more turns of the event loop ask for nothing more
    findings = _column(window, QueueColumn.FINDINGS)
    assert findings["Tomorrow"] == findings["Verified"] == PENDING  # the last rows: not shown
    table.scrollToBottom()
    qtbot.waitUntil(lambda: _column(window, QueueColumn.FINDINGS)["Tomorrow"] != PENDING)
    assert "ORDER_NOT_VERIFIED" in _column(window, QueueColumn.FINDINGS)["Tomorrow"]


def test_state_day_and_patient_filters(
    qtbot: QtBot, queue: tuple[MainWindow, dict[str, QueueDose]]
) -> None:
    window, _ = queue
    today = window.today
    qtbot.mouseClick(today.states.buttons[WorkState.CHECKED], Qt.MouseButton.LeftButton)
    assert list(_column(window, QueueColumn.STATE)) == ["Checked"]
    qtbot.mouseClick(today.states.buttons[WorkState.ORDERED], Qt.MouseButton.LeftButton)
    assert list(_column(window, QueueColumn.STATE)) == ["Ordered", "Tomorrow"]
    qtbot.mouseClick(today.states.buttons["all"], Qt.MouseButton.LeftButton)
    today.days.setCurrentIndex(2)  # tomorrow
    assert list(_column(window, QueueColumn.DATE).values()) == ["2026-03-03"]
    assert today.states.buttons["all"].text() == "All 1"
    today.days.setCurrentIndex(1)  # today
    assert today.model.rowCount() == 8
    today.patient.setText("lab")
    qtbot.waitUntil(lambda: today.model.rowCount() == 1)  # after the typing pause
    assert list(_column(window, QueueColumn.PATIENT).values()) == ["Labelled, Ann"]
    assert "1 of the 8 doses due are for patients matching “lab”" in today.note.text()
    today.patient.clear()
    today.reload()
    assert today.model.rowCount() == 8


def _row(window: MainWindow, dose_id: int) -> int:
    row = window.today.model.row_of(dose_id)
    assert row >= 0
    return row


def _opened(window: MainWindow, dose: QueueDose) -> bool:
    page = window.patient_page
    return (
        window.stack.currentIndex() == Screen.PATIENTS
        and page.patient_id == dose.patient_id
        and page.showing(page.dose_day)
        and page.dose_day.current_dose_id() == dose.dose_id
    )


def test_enter_or_a_double_click_opens_the_dose_day_on_that_dose(
    qtbot: QtBot, queue: tuple[MainWindow, dict[str, QueueDose]]
) -> None:
    window, made = queue
    window.show()
    qtbot.waitExposed(window)
    table = window.today.table
    table.setFocus()
    table.setCurrentIndex(window.today.model.index(_row(window, made["checked"].dose_id), 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert _opened(window, made["checked"])
    window.nav.setCurrentRow(Screen.TODAY)
    cell = table.visualRect(window.today.model.index(_row(window, made["tomorrow"].dose_id), 1))
    # A double click as the mouse makes it: the first click selects, the second opens.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    assert window.stack.currentIndex() == Screen.TODAY  # one click only selects
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    assert _opened(window, made["tomorrow"])


def test_a_scanned_label_opens_its_dose_and_an_unknown_code_only_says_so(
    qtbot: QtBot, queue: tuple[MainWindow, dict[str, QueueDose]]
) -> None:
    window, made = queue
    today = window.today
    scan = today.scan
    scan.setText("NOT-A-CODE")
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    assert "is neither a bag label nor a vial code" in today.scan_message.text()
    assert window.stack.currentIndex() == Screen.TODAY
    assert today.model.rowCount() == 9  # nothing else changed
    labelled = made["labelled"]
    scan.setText(bag_code(1, 1, labelled.dose_id))
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    assert _opened(window, labelled)
    assert today.scan_message.text() == f"Opened the dose of bag label C1D1-{labelled.dose_id}."


def test_ctrl_2_shows_the_queue(
    make_window: MakeWindow, clocked: SqlStore, rules: ClinicalRules
) -> None:
    doses_in_each_state(clocked, rules)
    window = make_window(clocked, now=NOW)
    assert window.nav.item(Screen.TODAY).text() == "Today"
    show = window.findChild(QAction, "actionShowToday")
    assert show is not None
    assert show.shortcut().toString() == "Ctrl+2"
    show.trigger()
    assert window.stack.currentWidget() is window.today
    assert window.today.model.rowCount() == 9
