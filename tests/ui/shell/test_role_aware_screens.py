"""Role-aware screens (issue 16): what the signed-in role may not do is disabled, its tooltip
naming the role and the act in the domain's words; the same buttons come back for a pharmacist.

A real SQLite file; users of each role stored in it. The services still refuse on their own
(tests/services); here only what the screen offers is checked.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from ino_desk.domain.rules import ClinicalRules
from ino_desk.domain.staff.users import Permission, Role, User
from ino_desk.pdf.render import PdfRenderer
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.staff.signing import verify_order
from ino_desk.ui.bench.prepare_view import PrepareDialog
from ino_desk.ui.common.desk import Desk
from ino_desk.ui.settings.settings_dialog import SettingsDialog
from ino_desk.ui.shell.main_window import MainWindow
from tests.people import stored_user
from tests.queue_doses import NOW, patient_dose
from tests.ui.bench.test_prepare_flow import PASSWORDS, ROLES, VERIFIER, FakeClock, _day1

MakeWindow = Callable[..., MainWindow]
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _refused(control: QWidget, role: str, act: Permission) -> None:
    assert not control.isEnabled(), control.objectName()
    assert control.toolTip() == f"Not for {role}: may not {act.value}", control.objectName()


def _window_on_a_dose(
    make_window: MakeWindow, store: SqlStore, rules: ClinicalRules, role: Role
) -> tuple[MainWindow, User]:
    clocked = SqlStore(store.database, clock=lambda: NOW, passwords=store.passwords)
    made = patient_dose(clocked, rules, "MRN-R1", "Reader", NOW.date())
    window = make_window(clocked, now=NOW)
    user = stored_user(clocked, f"user.{role.value}", role)
    window.desk.set_user(user)
    window.open_dose(made.patient_id, made.dose_id)
    return window, user


def test_a_read_only_user_sees_every_clinical_button_disabled_with_the_reason(
    make_window: MakeWindow, store: SqlStore, rules: ClinicalRules
) -> None:
    window, _ = _window_on_a_dose(make_window, store, rules, Role.READ_ONLY)
    page, role = window.patient_page, "Read-only"
    day = page.dose_day
    for key in ("given", "held", "omitted", "reduced", "move"):
        _refused(day.buttons[key], role, Permission.RECORD_DOSES)
    _refused(day.buttons["prepare"], role, Permission.RECORD_PREPARATION)
    _refused(day.signatures.verify, role, Permission.VERIFY_ORDERS)
    _refused(day.signatures.prescriber, role, Permission.PLAN_CYCLES)
    _refused(page.plan.save_button, role, Permission.PLAN_CYCLES)
    _refused(page.facts_button, role, Permission.PLAN_CYCLES)
    _refused(page.edit_button, role, Permission.EDIT_PATIENTS)
    _refused(page.measurement_errors.button, role, Permission.MARK_ENTERED_IN_ERROR)
    _refused(window.patients.new_button, role, Permission.EDIT_PATIENTS)
    boxes = list(day.checklist.boxes.values())
    assert boxes, "the dose has a checklist"
    for box in boxes:
        _refused(box, role, Permission.TICK_CHECKLIST)
    assert not window.settings_action.isEnabled()
    assert not window.print_action.isEnabled()
    # Records stay readable: the tabs, the dose picker and the tables are not gated.
    assert day.picker.isEnabled()
    assert page.tabs.isEnabled()


def test_the_same_screen_offers_a_pharmacist_what_the_dose_allows(
    make_window: MakeWindow, store: SqlStore, rules: ClinicalRules
) -> None:
    window, _ = _window_on_a_dose(make_window, store, rules, Role.READ_ONLY)
    day = window.patient_page.dose_day
    window.desk.set_user(stored_user(window.desk.store, "pharm.b", Role.PHARMACIST))
    # A planned dose: give, hold, move are offered; release stays off (nothing is held) —
    # the screen's own reason survives the change of user.
    assert day.buttons["given"].isEnabled()
    assert day.buttons["given"].toolTip() == ""
    assert not day.buttons["released"].isEnabled()
    assert day.signatures.verify.isEnabled()
    assert window.settings_action.isEnabled() is False  # a pharmacist changes no settings


def test_a_technician_prepares_and_ticks_but_does_not_give_verify_or_double_check(
    qtbot: QtBot, make_window: MakeWindow, store: SqlStore, rules: ClinicalRules
) -> None:
    window, _ = _window_on_a_dose(make_window, store, rules, Role.TECHNICIAN)
    role = "Pharmacy technician"
    day = window.patient_page.dose_day
    _refused(day.buttons["given"], role, Permission.RECORD_DOSES)
    _refused(day.signatures.verify, role, Permission.VERIFY_ORDERS)
    _refused(day.buttons["error"], role, Permission.MARK_ENTERED_IN_ERROR)
    assert day.buttons["prepare"].isEnabled()
    assert all(box.isEnabled() for box in day.checklist.boxes.values())
    dialog = SettingsDialog(window.desk, window)
    qtbot.addWidget(dialog)
    _refused(dialog.save_button, role, Permission.CHANGE_SETTINGS)


def test_the_bench_offers_a_technician_the_preparation_only(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    clock = FakeClock()
    store = SqlStore(store.database, clock=clock, passwords=store.passwords)
    for name in ROLES:
        stored_user(store, name, ROLES[name], PASSWORDS[name])
    dose_id = _day1(store, rules)
    verify_order(store, rules, VERIFIER, PASSWORDS[VERIFIER], dose_id)
    tech = stored_user(store, "tech.b", Role.TECHNICIAN)
    desk = Desk(rules, store, "desk.sqlite3", tech, renderer=PdfRenderer())
    dialog = PrepareDialog(desk, dose_id, now=clock)
    qtbot.addWidget(dialog)
    role = "Pharmacy technician"
    assert dialog.vials.isEnabled()
    assert dialog.vials.scan.isEnabled()
    assert dialog.clock_box.reconstituted.isEnabled()
    # The double check is signed by another person with her own password, here at the bench.
    assert not dialog.check.toolTip().startswith("Not for")
    fixes = dialog.vials.corrections
    _refused(fixes.vial_button, role, Permission.MARK_ENTERED_IN_ERROR)
    # A read-only user at the same bench records nothing; signatures name their own signer.
    desk.set_user(stored_user(store, "reader.b", Role.READ_ONLY))
    pressable = {
        b.objectName()
        for b in dialog.findChildren(QAbstractButton)
        if b.isEnabled() and b.isVisibleTo(dialog)
    }
    assert not dialog.vials.isEnabled()
    assert pressable <= {"signPrepared", "signDoubleCheck"}, pressable
