"""Layout (issue 16): every screen and dialog laid out without clipped labels at 1024×600 and
with text 1.5× larger (what QT_SCALE_FACTOR=1.5 does to text, on a 1280×800 window); the bench
and previews fit a 1024×600 screen and the bench comes back at the size it was left.

A label is clipped when its text needs more room than it was given: a wrapped label whose
height for its width is more than its height, a one-line label whose size hint is wider or
taller than the label. Real SQLite file; a patient with a planned cycle.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QSettings, QSize
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from ino_desk.domain.rules import ClinicalRules
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.domain.staff.users import Role
from ino_desk.label.sections import load_label_document
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.ui.bench.prepare_view import BENCH_GEOMETRY_KEY, PrepareDialog
from ino_desk.ui.common.window_memory import FRAME_HEIGHT
from ino_desk.ui.cycles.course_dialog import CourseDialog
from ino_desk.ui.cycles.course_facts_dialog import CourseFactsDialog
from ino_desk.ui.lab_feed.lab_interface_dialog import LabInterfaceDialog
from ino_desk.ui.label.label_viewer import LabelViewer
from ino_desk.ui.patients.patient_dialog import PatientDialog
from ino_desk.ui.patients.record_dialogs import LabDialog, MeasurementDialog
from ino_desk.ui.settings.settings_dialog import SettingsDialog
from ino_desk.ui.shell.main_window import MainWindow, Screen
from ino_desk.ui.staff.first_admin_dialog import FirstAdminDialog
from ino_desk.ui.staff.sign_in_dialog import SignInDialog
from ino_desk.ui.staff.signature_dialog import SignatureDialog
from ino_desk.ui.staff.users_dialog import UsersDialog
from tests.people import stored_user
from tests.queue_doses import NOW, QueueDose, patient_dose
from tests.readback import get_patient
from tests.ui.conftest import SMALL

MakeWindow = Callable[..., MainWindow]
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def clipped(root: QWidget) -> list[str]:
    """Every visible label of `root` whose text needs more room than it has."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text() or label.width() == 0:
            continue
        width, height = label.width(), label.height()
        need = QSize(width, label.heightForWidth(width)) if label.wordWrap() else label.sizeHint()
        if need.width() > width + 1 or need.height() > height + 1:
            name = label.objectName() or label.text()[:40]
            found.append(f"{type(root).__name__}/{name}: needs {need.toTuple()}, has "
                         f"{(width, height)}")  # fmt: skip
    return found


@pytest.fixture
def dose(store: SqlStore, rules: ClinicalRules) -> tuple[SqlStore, QueueDose]:
    clocked = SqlStore(store.database, clock=lambda: NOW, passwords=store.passwords)
    return clocked, patient_dose(clocked, rules, "MRN-L1", "Layout-Longname", NOW.date())


def _laid_out(qtbot: QtBot, widget: QWidget, size: QSize) -> QWidget:
    widget.resize(min(widget.width(), size.width()), min(widget.height(), size.height()))
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return widget


def test_every_screen_of_the_main_window_fits(
    qtbot: QtBot, make_window: MakeWindow, dose: tuple[SqlStore, QueueDose], room: QSize
) -> None:
    store, made = dose
    window = make_window(store, now=NOW)
    window.resize(room)
    window.show()
    qtbot.waitExposed(window)
    window.open_dose(made.patient_id, made.dose_id)
    found = []
    tabs = window.patient_page.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found += clipped(window)
    window.nav.setCurrentRow(Screen.TODAY)
    QApplication.processEvents()
    found += clipped(window)
    assert found == []


def test_every_dialog_fits(
    qtbot: QtBot,
    make_window: MakeWindow,
    dose: tuple[SqlStore, QueueDose],
    rules: ClinicalRules,
    room: QSize,
) -> None:
    store, made = dose
    window = make_window(store, now=NOW)
    desk = window.desk
    patient = get_patient(store, made.patient_id)
    window.patient_page.open_patient(made.patient_id)
    overview = window.patient_page.overview
    assert overview is not None
    assert overview.current_course is not None
    course = overview.current_course.course
    admin = stored_user(store, "admin.l", Role.ADMINISTRATOR)
    dialogs: list[QDialog] = [
        PatientDialog(desk, None),
        PatientDialog(desk, patient),
        MeasurementDialog(desk, made.patient_id),
        LabDialog(desk, made.patient_id),
        CourseDialog(desk, made.patient_id),
        CourseFactsDialog(desk, course, made.patient_id),
        SettingsDialog(desk),
        UsersDialog(store, admin),
        LabInterfaceDialog(desk, window.settings, window.lab_listener, None),
        SignInDialog(store),
        FirstAdminDialog(store),
        SignatureDialog(store, rules, Meaning.VERIFIED_ORDER, made.dose_id, "Day 1: 1.46 mg"),
        SignatureDialog(store, rules, Meaning.DOUBLE_CHECK, made.dose_id, "Day 1: 1.46 mg"),
        PrepareDialog(desk, made.dose_id, now=lambda: NOW),
    ]
    found = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        found += clipped(_laid_out(qtbot, dialog, room))
        dialog.hide()
    assert found == []


def test_the_label_viewer_fits(qtbot: QtBot, tmp_path: object, room: QSize) -> None:
    viewer = LabelViewer(load_label_document(), QSettings())
    qtbot.addWidget(viewer)
    viewer.resize(room)
    found = clipped(_laid_out(qtbot, viewer, room))
    for key in ("2.4", "6"):
        viewer.show_section(key)
        QApplication.processEvents()
        found += clipped(viewer)
    assert found == []


def test_the_bench_fits_the_screen_and_comes_back_at_the_size_it_was_left(
    qtbot: QtBot, make_window: MakeWindow, dose: tuple[SqlStore, QueueDose]
) -> None:
    store, made = dose
    window = make_window(store, now=NOW)
    bench = PrepareDialog(window.desk, made.dose_id, now=lambda: NOW)
    qtbot.addWidget(bench)
    screen = bench.screen().availableGeometry()
    assert bench.width() <= screen.width()
    assert bench.height() <= screen.height() - FRAME_HEIGHT
    bench.show()
    qtbot.waitExposed(bench)
    bench.resize(740, 480)
    bench.close()  # saved as it goes away
    assert QSettings().value(BENCH_GEOMETRY_KEY) is not None
    again = PrepareDialog(window.desk, made.dose_id, now=lambda: NOW)
    qtbot.addWidget(again)
    assert again.size() == QSize(740, 480)


def test_the_patient_header_shows_the_age(
    make_window: MakeWindow, dose: tuple[SqlStore, QueueDose]
) -> None:
    store, made = dose
    window = make_window(store, now=NOW)
    window.patient_page.open_patient(made.patient_id)
    # Born 1980-01-01, seen on 2026-03-02: 46 years old.
    assert "born&nbsp;1980-01-01&nbsp;(age&nbsp;46)" in window.patient_page.header.text()


def test_confirm_given_stays_put_while_the_dose_day_fills_in(
    qtbot: QtBot, make_window: MakeWindow, dose: tuple[SqlStore, QueueDose]
) -> None:
    """Buttons sit above everything whose height depends on the dose; a longer message or
    more findings below them never moves them under the pointer."""
    store, made = dose
    window = make_window(store, now=NOW)
    window.resize(SMALL)
    window.show()
    qtbot.waitExposed(window)
    window.open_dose(made.patient_id, made.dose_id)
    day = window.patient_page.dose_day
    given, reduce = day.buttons["given"], day.buttons["reduced"]

    def settled() -> QPoint:
        """Where the button rests once the layouts stop changing (the dose day picks its
        columns for the width it got, which lays it out again): counted in event-loop
        rounds, not in time, so a busy machine does not change the answer."""
        place, rounds = given.mapTo(window, given.rect().topLeft()), 0
        for _ in range(200):  # a layout that never settles fails below, not by hanging
            if rounds == 3:
                break
            QApplication.processEvents()
            now = given.mapTo(window, given.rect().topLeft())
            rounds = rounds + 1 if now == place else 0
            place = now
        return place

    before = settled()
    day.message.setText("A long message. " * 40)
    day.details.setText("<br>".join(["A line of dose details"] * 12))
    assert settled() == before
    # Reduce is not next to, nor right under, Confirm given.
    assert abs(reduce.y() - given.y()) > given.height()


def test_the_check_sees_a_clipped_label(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    short = QLabel("A validation message much longer than its room", box)
    short.setObjectName("tooShort")
    short.setGeometry(0, 0, 60, 20)
    wrapped = QLabel("Word " * 60, box)
    wrapped.setObjectName("tooLow")
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 30, 120, 20)
    box.show()
    found = clipped(box)
    assert [f.split(":")[0] for f in found] == ["QWidget/tooShort", "QWidget/tooLow"]
