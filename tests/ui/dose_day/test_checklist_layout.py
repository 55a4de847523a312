"""The checklist's long items are read whole at 1024×600 and at 1.5× text, and the dose day
never draws a frame laid out for the width it had before (issue 16). Real SQLite file."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.ui.dose_day.dose_day import TWO_COLUMNS_FROM, DoseDayView
from ino_desk.ui.shell.main_window import MainWindow
from tests.queue_doses import NOW, QueueDose, patient_dose

MakeWindow = Callable[..., MainWindow]
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def dose(store: SqlStore, rules: ClinicalRules) -> tuple[SqlStore, QueueDose]:
    clocked = SqlStore(store.database, clock=lambda: NOW, passwords=store.passwords)
    return clocked, patient_dose(clocked, rules, "MRN-C1", "Checklist-Longname", NOW.date())


def test_every_checklist_item_is_read_whole(
    qtbot: QtBot, make_window: MakeWindow, dose: tuple[SqlStore, QueueDose], room: QSize
) -> None:
    store, made = dose
    window = make_window(store, now=NOW)
    window.resize(room)
    window.show()
    qtbot.waitExposed(window)
    window.open_dose(made.patient_id, made.dose_id)
    QApplication.processEvents()
    checklist = window.patient_page.dose_day.checklist
    viewport = checklist.findChild(QWidget, "checklistScroll").viewport()  # type: ignore[union-attr]
    assert checklist.titles, "the dose has a checklist"
    longest = max(len(t.text()) for t in checklist.titles.values())
    assert longest > 60, "a long item is among them"
    for key, title in checklist.titles.items():
        box = checklist.boxes[key]
        assert box.text() == ""  # the text is the wrapping label's, not the box's
        assert box.accessibleName() == title.text()
        assert title.isVisibleTo(window)
        assert title.wordWrap()
        # Tall enough for its wrapped lines, and not cut at the right of the scroll area.
        assert title.heightForWidth(title.width()) <= title.height() + 1, key
        right = title.mapTo(viewport, QPoint(title.width(), 0)).x()
        assert right <= viewport.width() + 1, key


def test_a_click_on_the_text_ticks_and_space_on_the_box_ticks(
    qtbot: QtBot, make_window: MakeWindow, dose: tuple[SqlStore, QueueDose]
) -> None:
    store, made = dose
    window = make_window(store, now=NOW)
    window.show()
    qtbot.waitExposed(window)
    window.open_dose(made.patient_id, made.dose_id)
    checklist = window.patient_page.dose_day.checklist
    plain = [k for k in checklist.titles if not k.startswith("premed")]
    first, second = plain[0], plain[1]
    qtbot.mouseClick(checklist.titles[first], Qt.MouseButton.LeftButton)
    assert checklist.state is not None
    assert first in checklist.state.ticks  # saved, with who and when
    # A signed tick is never taken back by a click on its text.
    qtbot.mouseClick(checklist.titles[first], Qt.MouseButton.LeftButton)
    assert checklist.boxes[first].isChecked()
    box = checklist.boxes[second]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert checklist.state is not None
    assert second in checklist.state.ticks
    assert checklist.titles[second].focusPolicy() == Qt.FocusPolicy.NoFocus  # Tab skips it


def test_the_dose_day_is_laid_out_for_its_new_width_at_once(
    qtbot: QtBot, make_window: MakeWindow, dose: tuple[SqlStore, QueueDose]
) -> None:
    """No event is processed between the resize and the look: what is checked is what the
    first frame at the new width would draw."""
    store, made = dose
    window = make_window(store, now=NOW)
    window.patient_page.open_patient(made.patient_id)
    host = QWidget()
    qtbot.addWidget(host)
    view = DoseDayView(window.desk, host)
    host.resize(1400, 900)
    view.resize(TWO_COLUMNS_FROM + 200, 900)
    host.show()
    qtbot.waitExposed(host)
    view.set_overview(window.patient_page.overview)
    QApplication.processEvents()
    left = view.columns.itemAt(0).widget()
    assert view.checklist.x() >= left.geometry().right()  # side by side
    view.resize(TWO_COLUMNS_FROM - 100, 900)
    assert view.columns.direction() == QBoxLayout.Direction.TopToBottom
    assert view.checklist.y() >= left.geometry().bottom()  # under the dose, already
    assert view.checklist.width() > left.width() // 2
    view.resize(TWO_COLUMNS_FROM + 200, 900)
    assert view.checklist.x() >= left.geometry().right()
