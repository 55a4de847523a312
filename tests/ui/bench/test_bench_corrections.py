"""The bench's corrections (issue 16): a vial scanned twice or a time pressed by mistake is
marked entered in error by a pharmacist, stays listed struck through, and stops counting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ino_desk.domain.rules import ClinicalRules
from ino_desk.pdf.render import PdfRenderer
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.preparing.bench import bench_dose
from ino_desk.services.staff.signing import verify_order
from ino_desk.ui.bench.prepare_view import PrepareDialog
from ino_desk.ui.common.desk import Desk
from tests.people import stored_user
from tests.ui.bench.test_prepare_flow import CODE, PASSWORDS, ROLES, T0, VERIFIER, FakeClock, _day1

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CHECKER = "pharm.c"  # a pharmacist at the bench: may mark entered in error


def _bench(qtbot: QtBot, store: SqlStore, rules: ClinicalRules) -> tuple[PrepareDialog, int]:
    clock = FakeClock()
    store = SqlStore(store.database, clock=clock, passwords=store.passwords)
    users = {name: stored_user(store, name, ROLES[name], PASSWORDS[name]) for name in ROLES}
    dose_id = _day1(store, rules)
    verify_order(store, rules, VERIFIER, PASSWORDS[VERIFIER], dose_id)
    desk = Desk(rules, store, "desk.sqlite3", users[CHECKER], renderer=PdfRenderer())
    dialog = PrepareDialog(desk, dose_id, now=clock)
    qtbot.addWidget(dialog)
    return dialog, dose_id


def test_a_vial_scanned_onto_this_dose_by_mistake_is_struck_through_and_not_counted(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, dose_id = _bench(qtbot, store, rules)
    for serial in ("S-1", "S-2"):
        dialog.vials.scan.setText(CODE + serial)
        qtbot.keyClick(dialog.vials.scan, Qt.Key.Key_Return)
    fixes = dialog.vials.corrections
    assert fixes.vial_button.isEnabled()
    asked: list[tuple[str, list[str]]] = []
    named: list[str] = []
    fixes.choose = lambda what, names: asked.append((what, names)) or 1
    fixes.confirm_reason = lambda name: named.append(name) or "second scan of the same vial"
    fixes.vial_button.click()
    assert asked[0][1] == [
        "vial lot ABC123 exp 2028-12-31 serial S-1",
        "vial lot ABC123 exp 2028-12-31 serial S-2",
    ]
    assert named == ["vial lot ABC123 exp 2028-12-31 serial S-2"]
    state = bench_dose(dialog.desk.store, rules, dose_id)
    assert [v.serial for v in state.vials_in_force] == ["S-1"]
    shown = dialog.vials.recorded.text()
    assert "Vials recorded (1 of 2):" in shown
    assert "<s>ABC123 exp 2028-12-31 serial S-2</s> entered in error (second scan" in shown


def test_a_reconstitution_pressed_by_mistake_stops_the_clock(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, dose_id = _bench(qtbot, store, rules)
    for serial in ("S-1", "S-2"):
        dialog.vials.scan.setText(CODE + serial)
        qtbot.keyClick(dialog.vials.scan, Qt.Key.Key_Return)
    dialog.clock_box.reconstituted.click()
    assert bench_dose(dialog.desk.store, rules, dose_id).reconstituted_at == T0
    fixes = dialog.vials.corrections
    assert fixes.mark_button.isEnabled()
    cancelled: list[str] = []
    fixes.confirm_reason = lambda name: cancelled.append(name) and None
    fixes.mark_button.click()  # cancelled: nothing changes
    assert bench_dose(dialog.desk.store, rules, dose_id).reconstituted_at == T0
    fixes.confirm_reason = lambda _name: "pressed before the vials were opened"
    fixes.mark_button.click()
    assert cancelled[0].startswith("\u201creconstituted\u201d pressed at ")
    assert bench_dose(dialog.desk.store, rules, dose_id).reconstituted_at is None
    assert not fixes.mark_button.isEnabled()
    assert dialog.clock_box.reconstituted.isEnabled()  # a new reconstitution may start
