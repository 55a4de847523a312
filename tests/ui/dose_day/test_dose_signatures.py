"""The dose-day view's electronic signatures: verify with a password, see a change void it.

Patient 170 cm, 70 kg: BSA √(170×70/3600) = 1.818… → 1.82 m²; cycle 1 Day 1 is
0.8 mg/m² × 1.82 = 1.456 → 1.46 mg, ⌈1.46 / 0.9⌉ = 2 vials, 1.46 / 0.25 = 5.84 mL of drug.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.rules import ClinicalRules
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.domain.staff.users import Role
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.staff.signature_views import order_signatures
from ino_desk.ui.dose_day.order_signatures_panel import NONE_YET
from ino_desk.ui.shell.main_window import MainWindow
from tests.people import stored_user
from tests.ui.dose_day.test_dose_actions import _patient_with_cycle_1

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PASSWORD = "verifier-passphrase"


def test_a_pharmacist_verifies_and_a_later_change_voids_it_visibly(
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
) -> None:
    stored_user(store, "pharm.a", Role.PHARMACIST, PASSWORD)
    patient_id, _ = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    day = window.patient_page.dose_day
    day1 = patient_overview(store, patient_id).courses[0].cycles[0].doses[0]
    assert day1.id is not None
    day.select_dose(day1.id)
    panel = day.signatures
    assert panel.lines.text() == NONE_YET
    assert panel.verify.isEnabled()
    qtbot.mouseClick(panel.verify, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    # The verifier sees what they sign: the patient and the order's figures.
    statement = dialog.findChild(type(panel.lines), "signatureMeaning")
    assert statement is not None
    for shown in ("verified order", "MRN-55", "Cycle 1 Day 1", "1.46 mg", "2 vial(s)", "5.84 mL"):
        assert shown in statement.text(), shown
    assert dialog.username.text() == "pharm.a"  # the signed-in user; the password is typed
    dialog.password.setText("not the password")
    dialog.sign()
    assert dialog.isVisible()
    assert "not right" in dialog.error.text()
    dialog.password.setText(PASSWORD)
    dialog.sign()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "verified order: Paula Apothecary (Pharmacist)" in panel.lines.text()
    assert not panel.verify.isEnabled()  # one live verification per order
    (view,) = order_signatures(store, day1.id)
    assert (view.signature.meaning, view.valid) == (Meaning.VERIFIED_ORDER, True)

    # A reduction changes the order: the signature is void, shown struck through, and the
    # order can be verified again.
    day.reason.setText("prescriber: platelets low")
    day.reduced_mg.setText("1.2")
    qtbot.mouseClick(day.buttons["reduced"], Qt.MouseButton.LeftButton)
    assert day.message.text() == ""
    (after,) = order_signatures(store, day1.id)
    assert not after.valid
    reduced = patient_overview(store, patient_id).courses[0].cycles[0].doses[0]
    assert reduced.status is DoseStatus.REDUCED
    assert reduced.dose_mg == Decimal("1.20")
    day.select_dose(day1.id)
    assert "<s>verified order: Paula Apothecary" in panel.lines.text()
    assert "VOID: the order changed after it was signed" in panel.lines.text()


def test_a_read_only_user_is_refused_by_the_service_and_nothing_changes(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore, rules: ClinicalRules
) -> None:
    patient_id, _ = _patient_with_cycle_1(store, rules)
    window = make_window(store)
    window.desk.set_user(stored_user(store, "nurse.r", Role.READ_ONLY))
    window.patient_page.open_patient(patient_id)
    day = window.patient_page.dose_day
    day.reason.setText("nurse tries to hold")
    day.mark(DoseStatus.HELD)
    assert day.message.text() == "nurse.r (Read-only) may not record dose status"
    doses = patient_overview(store, patient_id).courses[0].cycles[0].doses
    assert [d.status for d in doses] == [DoseStatus.PLANNED] * 3


def test_the_window_offers_only_what_the_signed_in_role_may_do(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)  # signed in as a pharmacist
    assert window.new_action.isEnabled()
    assert window.patients.new_button.isEnabled()
    assert not window.settings_action.isEnabled()
    # The reason in the domain's words: the role, then the act its Permission names.
    assert window.settings_action.toolTip() == "Not for Pharmacist: may not change site settings"
    window.desk.set_user(stored_user(store, "nurse.r", Role.READ_ONLY))
    assert not window.new_action.isEnabled()
    assert not window.patients.new_button.isEnabled()
    assert window.patients.new_button.toolTip() == ("Not for Read-only: may not edit patients")
    window.desk.set_user(stored_user(store, "admin", Role.ADMINISTRATOR))
    assert window.settings_action.isEnabled()
    assert not window.new_action.isEnabled()
