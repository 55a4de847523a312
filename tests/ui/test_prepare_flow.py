"""The Prepare screen on a real SQLite file: scan, clock, double check, save or waste.

Patient 170 cm, 70 kg: BSA √(170×70/3600) = 1.818… → 1.82 m². Cycle 1 Day 1:
0.8 mg/m² × 1.82 = 1.456 → 1.46 mg; vials ⌈1.46 / 0.9⌉ = 2; drug volume 1.46 / 0.25 = 5.84 mL;
vial residue 2 × 0.9 − 1.46 = 0.34 mg. Limits (PI 2.4): dilute within 4 h, end within 8 h.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ino_desk.domain.rules import ClinicalRules
from ino_desk.domain.users import Role
from ino_desk.domain.waste import WasteKind
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.bench import bench_dose
from ino_desk.services.patient_overview import patient_overview
from ino_desk.services.preparations import preparations_of
from ino_desk.ui.desk import Desk
from ino_desk.ui.main_window import MainWindow
from ino_desk.ui.views.prepare_view import COLOURS, PrepareDialog, Urgency
from tests.people import stored_user
from tests.ui.conftest import PHARMACIST
from tests.ui.test_dose_actions import _patient_with_cycle_1

# The offscreen platform says this when a dialog is shown; it is not our fault.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
GS = "\x1d"
CODE = "0100300080100011172812311" + "0ABC123" + GS + "21"  # + serial
T0 = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
CHECKER = "pharm.b"
PASSWORDS = {PHARMACIST: "preparer-passphrase", CHECKER: "checker-passphrase"}


class FakeClock:
    def __init__(self) -> None:
        self.at = T0

    def __call__(self) -> datetime:
        return self.at


def _day1(store: SqlStore, rules: ClinicalRules) -> int:
    patient_id, _ = _patient_with_cycle_1(store, rules)
    dose_id = patient_overview(store, patient_id).courses[0].cycles[0].doses[0].id
    assert dose_id is not None
    return dose_id


def _dialog(qtbot: QtBot, store: SqlStore, rules: ClinicalRules) -> tuple[PrepareDialog, FakeClock]:
    clock = FakeClock()
    preparer = stored_user(store, PHARMACIST, Role.PHARMACIST, PASSWORDS[PHARMACIST])
    stored_user(store, CHECKER, Role.PHARMACIST, PASSWORDS[CHECKER])
    desk = Desk(rules, store, "desk.sqlite3", preparer)
    dialog = PrepareDialog(desk, _day1(store, rules), now=clock)
    qtbot.addWidget(dialog)
    return dialog, clock


def _scan(qtbot: QtBot, dialog: PrepareDialog, serial: str) -> None:
    dialog.scan.setText(CODE + serial)
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)


def test_prepare_opens_from_the_dose_day_view(
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
) -> None:
    patient_id, _ = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    day = window.patient_page.dose_day
    qtbot.mouseClick(day.buttons["prepare"], Qt.MouseButton.LeftButton)
    dialog = day.prepare_dialog
    assert dialog.isVisible()
    text = dialog.summary.text()
    assert "1.46 mg" in text
    assert "5.84 mL" in text
    assert "2 vial(s)" in text
    assert "0.34 mg left in the vials is waste" in text
    assert "PROTECT FROM LIGHT" in text
    rules_text = dialog.findChild(type(dialog.summary), "prepareRules").text()
    assert "NEVER a nylon" in rules_text
    dialog.close()


def test_scan_clock_double_check_and_save(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, clock = _dialog(qtbot, store, rules)
    assert not dialog.diluted.isEnabled()
    qtbot.mouseClick(dialog.reconstituted, Qt.MouseButton.LeftButton)
    assert "0 of 2 recorded: scan or enter the vials" in dialog.message.text()
    _scan(qtbot, dialog, "S-1")
    _scan(qtbot, dialog, "S-1")
    assert "S-1 was already scanned" in dialog.message.text()
    _scan(qtbot, dialog, "S-2")
    assert dialog.message.text() == ""
    assert "Vials recorded (2 of 2)" in dialog.vials_text.text()
    qtbot.mouseClick(dialog.reconstituted, Qt.MouseButton.LeftButton)
    assert dialog.reconstituted_at == T0
    # 14:00 + 4 h = 18:00 dilute-by; 3 h 05 min later 55 min remain: amber (screen choice).
    clock.at = T0 + timedelta(hours=3, minutes=5)
    dialog.tick()
    assert "0 h 55 min" in dialog.dilute_by.text()
    assert dialog.dilute_by.styleSheet() == COLOURS[Urgency.AMBER]
    qtbot.mouseClick(dialog.diluted, Qt.MouseButton.LeftButton)
    # closing the screen loses nothing: a new one on the same dose resumes the clock
    reopened = PrepareDialog(dialog.desk, dialog.dose_id, now=clock)
    qtbot.addWidget(reopened)
    assert (reopened.reconstituted_at, reopened.diluted_at) == (T0, clock.at)
    assert "diluted" in reopened.times.text()
    reopened.close()
    # the checker enters blind; a wrong volume and vial count are shown and recorded
    check = dialog.check
    check.checker.setText(CHECKER)
    check.password.setText(PASSWORDS[CHECKER])
    check.dose_mg.setText("1.46")
    check.volume_ml.setText("5.48")
    check.vials.setText("1")
    check.lot.setText("ABC123")
    qtbot.mouseClick(check.button, Qt.MouseButton.LeftButton)
    assert "MISMATCH in drug volume (mL), vials" in check.verdict.text()
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert "double check must agree" in dialog.message.text()
    check.volume_ml.setText("5.84")
    check.vials.setText("2")
    qtbot.mouseClick(check.button, Qt.MouseButton.LeftButton)
    assert check.password.text() == ""  # a password never lingers on the screen
    assert "Checker's password" in check.verdict.text()
    check.password.setText(PASSWORDS[CHECKER])
    qtbot.mouseClick(check.button, Qt.MouseButton.LeftButton)
    assert "Double check agrees" in check.verdict.text()
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert "Preparation saved" in dialog.message.text()
    (saved,) = preparations_of(store, dialog.dose_id)
    assert (saved.prepared_by, saved.checked_by) == (PHARMACIST, CHECKER)
    assert saved.reconstituted_at == T0
    assert [(v.lot, v.expiry) for v in saved.vial_lots] == [("ABC123", date(2028, 12, 31))] * 2
    state = bench_dose(store, rules, dialog.dose_id)
    assert [(w.kind, w.discarded_mg) for w in state.waste] == [
        (WasteKind.RESIDUAL, Decimal("0.34"))
    ]
    assert [c.mismatches for c in state.checks] == [("drug volume (mL)", "vials"), ()]


def test_the_checker_must_be_another_person(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, _ = _dialog(qtbot, store, rules)
    check = dialog.check
    for field, value in (
        (check.checker, PHARMACIST),
        (check.password, PASSWORDS[PHARMACIST]),
        (check.dose_mg, "1.46"),
        (check.volume_ml, "5.84"),
        (check.vials, "2"),
    ):
        field.setText(value)
    qtbot.mouseClick(check.button, Qt.MouseButton.LeftButton)
    assert "needs a second person" in check.verdict.text()
    assert bench_dose(store, rules, dialog.dose_id).checks == ()


def test_past_the_dilution_limit_the_label_is_refused_and_the_dose_wasted(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, clock = _dialog(qtbot, store, rules)
    _scan(qtbot, dialog, "S-7")
    _scan(qtbot, dialog, "S-8")
    qtbot.mouseClick(dialog.reconstituted, Qt.MouseButton.LeftButton)
    assert not dialog.waste.isEnabled()
    clock.at = T0 + timedelta(hours=4, minutes=1)
    dialog.tick()
    assert dialog.verdict.text().startswith("LABEL REFUSED: More than 4 hours")
    assert dialog.dilute_by.styleSheet() == COLOURS[Urgency.EXPIRED]
    assert not dialog.save.isEnabled()
    qtbot.mouseClick(dialog.diluted, Qt.MouseButton.LeftButton)
    assert "can only be recorded as wasted" in dialog.message.text()
    assert dialog.diluted_at is None
    qtbot.mouseClick(dialog.waste, Qt.MouseButton.LeftButton)
    (wasted,) = bench_dose(store, rules, dialog.dose_id).waste
    # 2 vials opened and all discarded: 2 × 0.9 = 1.8 mg
    assert (wasted.kind, wasted.discarded_mg) == (WasteKind.WHOLE_DOSE, Decimal("1.8"))
    assert "More than 4 hours" in wasted.reason
    assert preparations_of(store, dialog.dose_id) == []
