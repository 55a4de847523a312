"""The Prepare screen on a real SQLite file, with three people who sign with their passwords.

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

from ino_desk.domain.bench.preparation import DilutedStorage
from ino_desk.domain.bench.waste import WasteKind
from ino_desk.domain.records import DocumentKind
from ino_desk.domain.rules import ClinicalRules
from ino_desk.domain.staff.users import Role
from ino_desk.pdf.render import PdfRenderer
from ino_desk.persistence.repositories.bench_repositories import SqlVialUses
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.preparing.bench import bench_dose
from ino_desk.services.preparing.preparations import preparations_of
from ino_desk.services.staff.signing import verify_order
from ino_desk.ui.bench.bench_clock_box import Urgency
from ino_desk.ui.bench.prepare_view import PrepareDialog, urgency_style
from ino_desk.ui.common.desk import Desk
from ino_desk.ui.shell.main_window import MainWindow
from tests.people import stored_user
from tests.ui.dose_day.test_dose_actions import _patient_with_cycle_1

# The offscreen platform says this when a dialog is shown; it is not our fault.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
GS = "\x1d"
CODE = "0100300080100011172812311" + "0ABC123" + GS + "21"  # lot ABC123, exp 2028-12-31
T0 = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
VERIFIER, PREPARER, CHECKER = "pharm.v", "tech.t", "pharm.c"
PASSWORDS = {
    VERIFIER: "verifier-passphrase",
    PREPARER: "preparer-passphrase",
    CHECKER: "checker-passphrase",
}
ROLES = {VERIFIER: Role.PHARMACIST, PREPARER: Role.TECHNICIAN, CHECKER: Role.PHARMACIST}


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


def _dialog(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules, *, verified: bool = True
) -> tuple[PrepareDialog, FakeClock]:
    """The technician is signed in at the bench; the verifier has signed the order.

    The store keeps the screen's clock, as on a real workstation where both read the same one.
    """
    clock = FakeClock()
    store = SqlStore(store.database, clock=clock, passwords=store.passwords)
    users = {name: stored_user(store, name, ROLES[name], PASSWORDS[name]) for name in ROLES}
    dose_id = _day1(store, rules)
    if verified:
        verify_order(store, rules, VERIFIER, PASSWORDS[VERIFIER], dose_id)
    desk = Desk(rules, store, "desk.sqlite3", users[PREPARER], renderer=PdfRenderer())
    dialog = PrepareDialog(desk, dose_id, now=clock)
    qtbot.addWidget(dialog)
    return dialog, clock


def _scan(qtbot: QtBot, dialog: PrepareDialog, serial: str) -> None:
    dialog.vials.scan.setText(CODE + serial)
    qtbot.keyClick(dialog.vials.scan, Qt.Key.Key_Return)


def _click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def _keep(dialog: PrepareDialog, storage: DilutedStorage) -> None:
    """Choose how the diluted bag is kept. `click()`, not a mouse event: the dialog is never
    shown, so its radio buttons have no laid-out text for a mouse position to land on."""
    dialog.clock_box.storage_buttons[storage].click()


def _made_and_signed(qtbot: QtBot, dialog: PrepareDialog, clock: FakeClock) -> None:
    """Two vials, reconstituted at T0, diluted 30 min later, signed "prepared"."""
    _scan(qtbot, dialog, "S-1")
    _scan(qtbot, dialog, "S-2")
    _click(qtbot, dialog.clock_box.reconstituted)
    clock.at = T0 + timedelta(minutes=30)
    dialog.tick()
    _keep(dialog, DilutedStorage.ROOM_TEMPERATURE)
    _click(qtbot, dialog.clock_box.diluted)
    _click(qtbot, dialog.signatures.sign_prepared)
    signer = dialog.signatures.sign_dialog
    assert signer is not None
    assert signer.username.text() == PREPARER  # the signed-in user, who types the password
    signer.password.setText(PASSWORDS[PREPARER])
    signer.sign()


def _check(
    qtbot: QtBot,
    dialog: PrepareDialog,
    who: str,
    figures: tuple[str, ...],
    *,
    by_enter: bool = False,
) -> str:
    """The checker's blind figures, name and password; signed with the button, or (by
    keyboard) with Enter in the password field."""
    box = dialog.check
    for field, value in zip(
        (box.dose_mg, box.volume_ml, box.vials, box.lot, box.checker, box.password),
        (*figures, who, PASSWORDS[who]),
        strict=True,
    ):
        field.setText(value)
    if by_enter:
        box.password.setFocus()
        qtbot.keyClick(box.password, Qt.Key.Key_Return)
    else:
        _click(qtbot, box.button)
    return box.verdict.text()


def test_prepare_opens_from_the_dose_day_view_but_only_works_on_a_verified_order(
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
    # Nobody has verified this order: the screen says so and nothing can be started.
    assert dialog.blocked.isVisible()
    assert "A pharmacist must verify this order first" in dialog.blocked.text()
    assert not dialog.vials.isEnabled()
    assert not dialog.clock_box.reconstituted.isEnabled()
    assert not dialog.signatures.sign_prepared.isEnabled()
    dialog.close()


def test_prepare_sign_double_check_save_and_print_the_bag_label(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, clock = _dialog(qtbot, store, rules)
    assert dialog.blocked.isHidden()
    assert not dialog.clock_box.diluted.isEnabled()
    _click(qtbot, dialog.clock_box.reconstituted)
    assert "0 of 2 recorded: scan or enter the vials" in dialog.message.text()
    _scan(qtbot, dialog, "S-1")
    _scan(qtbot, dialog, "S-1")
    assert "S-1 was already scanned" in dialog.message.text()
    _scan(qtbot, dialog, "S-2")
    assert dialog.message.text() == ""
    assert "Vials recorded (2 of 2)" in dialog.vials.recorded.text()
    _click(qtbot, dialog.clock_box.reconstituted)
    assert dialog.reconstituted_at == T0
    assert not dialog.signatures.sign_prepared.isEnabled()  # the bag is not diluted yet
    # 14:00 + 4 h = 18:00 dilute-by; 3 h 05 min later 55 min remain: amber (screen choice).
    clock.at = T0 + timedelta(hours=3, minutes=5)
    dialog.tick()
    assert "0 h 55 min" in dialog.clock_box.dilute_by.text()
    assert dialog.clock_box.dilute_by.styleSheet() == urgency_style(Urgency.AMBER)
    _keep(dialog, DilutedStorage.ROOM_TEMPERATURE)
    _click(qtbot, dialog.clock_box.diluted)
    # closing the screen loses nothing: a new one on the same dose resumes the clock
    reopened = PrepareDialog(dialog.desk, dialog.dose_id, now=clock)
    qtbot.addWidget(reopened)
    assert (reopened.reconstituted_at, reopened.diluted_at) == (T0, clock.at)
    assert "Diluted" in reopened.clock_box.times.text()
    reopened.close()
    # the preparer signs "prepared" with their password before anyone checks
    assert not dialog.check.isEnabled()
    _click(qtbot, dialog.signatures.sign_prepared)
    signer = dialog.signatures.sign_dialog
    assert signer is not None
    signer.password.setText(PASSWORDS[PREPARER])
    signer.sign()
    assert "Prepared:</b> Tom Technician" in dialog.signatures.lines.text()
    assert not dialog.signatures.sign_prepared.isEnabled()
    assert dialog.check.isEnabled()
    assert not dialog.save.isEnabled()
    # the checker enters blind; a wrong volume, vial count and lot are shown, recorded, unsigned
    verdict = _check(qtbot, dialog, CHECKER, ("1.46", "5.48", "1", "ABC124"))
    assert "MISMATCH in drug volume (mL), vials, lot" in verdict
    assert "NOT signed" in verdict
    assert dialog.check.password.text() == ""  # a password never lingers on the screen
    assert not dialog.save.isEnabled()
    dialog.check.password.clear()
    _click(qtbot, dialog.check.button)
    assert "Checker's password" in dialog.check.verdict.text()
    verdict = _check(qtbot, dialog, CHECKER, ("1.46", "5.84", "2", "ABC123"), by_enter=True)
    assert "Double check agrees and is signed by Paula Apothecary" in verdict
    assert not dialog.check.isEnabled()  # one signature per dose
    _click(qtbot, dialog.save)
    assert "Preparation saved" in dialog.message.text()
    (saved,) = preparations_of(store, dialog.dose_id)
    assert (saved.prepared_by, saved.checked_by) == (PREPARER, CHECKER)
    assert saved.reconstituted_at == T0
    assert [(v.lot, v.expiry) for v in saved.vial_lots] == [("ABC123", date(2028, 12, 31))] * 2
    state = bench_dose(store, rules, dialog.dose_id)
    assert [(w.kind, w.discarded_mg) for w in state.waste] == [
        (WasteKind.RESIDUAL, Decimal("0.34"))
    ]
    assert [c.mismatches for c in state.checks] == [("drug volume (mL)", "vials", "lot"), ()]
    # the saved bag keeps its clock on screen and can now be labelled
    assert not dialog.save.isEnabled()
    assert dialog.print_label.isEnabled()
    assert "Reconstituted" in dialog.clock_box.times.text()
    _click(qtbot, dialog.print_label)
    preview = dialog.label_preview
    assert preview.prepared is not None
    assert preview.prepared.kind is DocumentKind.BAG_LABEL
    assert preview.page_count == 1
    assert preview.print_button.isEnabled()
    preview.close()


def test_the_checker_must_be_a_third_person_and_a_pharmacist(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, clock = _dialog(qtbot, store, rules)
    _made_and_signed(qtbot, dialog, clock)
    right = ("1.46", "5.84", "2", "ABC123")
    assert "different pharmacist" in _check(qtbot, dialog, VERIFIER, right)
    assert "Tom Technician" not in _check(qtbot, dialog, PREPARER, right)
    assert "(Pharmacy technician) may not" in dialog.check.verdict.text()
    assert bench_dose(store, rules, dialog.dose_id).checks == ()
    assert not dialog.save.isEnabled()


def test_past_the_time_limit_the_saved_bag_cannot_be_labelled_and_is_wasted(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, clock = _dialog(qtbot, store, rules)
    _made_and_signed(qtbot, dialog, clock)
    _check(qtbot, dialog, CHECKER, ("1.46", "5.84", "2", "ABC123"))
    _click(qtbot, dialog.save)
    assert not dialog.waste.isEnabled()
    # complete-by is 14:00 + 8 h = 22:00; at 22:01 the label is refused
    clock.at = T0 + timedelta(hours=8, minutes=1)
    dialog.tick()
    assert dialog.clock_box.verdict.text().startswith("LABEL REFUSED")
    _click(qtbot, dialog.print_label)
    assert dialog.message.text().startswith("LABEL REFUSED")
    assert not hasattr(dialog, "label_preview")
    assert dialog.waste.isEnabled()
    _click(qtbot, dialog.waste)
    wasted = list(bench_dose(store, rules, dialog.dose_id).waste)
    # the residue 0.34 mg was recorded at saving; the bag's 1.46 mg is wasted now (no new vial)
    assert [(w.kind, w.vials, w.discarded_mg) for w in wasted] == [
        (WasteKind.RESIDUAL, 2, Decimal("0.34")),
        (WasteKind.WHOLE_DOSE, 0, Decimal("1.46")),
    ]
    assert not dialog.print_label.isEnabled()


def test_past_the_dilution_limit_the_dose_is_wasted_whole(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, clock = _dialog(qtbot, store, rules)
    _scan(qtbot, dialog, "S-7")
    _scan(qtbot, dialog, "S-8")
    _click(qtbot, dialog.clock_box.reconstituted)
    assert not dialog.waste.isEnabled()
    clock.at = T0 + timedelta(hours=4, minutes=1)
    dialog.tick()
    assert dialog.clock_box.verdict.text().startswith("LABEL REFUSED: More than 4 hours")
    assert dialog.clock_box.dilute_by.styleSheet() == urgency_style(Urgency.EXPIRED)
    assert not dialog.save.isEnabled()
    assert not dialog.clock_box.diluted.isEnabled()
    dialog.mark_diluted()  # even if pressed, a dose past its limit is not diluted
    assert "can only be recorded as wasted" in dialog.message.text()
    assert dialog.diluted_at is None
    _click(qtbot, dialog.waste)
    (wasted,) = bench_dose(store, rules, dialog.dose_id).waste
    # 2 vials opened and all discarded: 2 × 0.9 = 1.8 mg
    assert (wasted.kind, wasted.discarded_mg) == (WasteKind.WHOLE_DOSE, Decimal("1.8"))
    assert "More than 4 hours" in wasted.reason
    assert preparations_of(store, dialog.dose_id) == []


def test_one_vial_scanned_at_two_workstations_is_refused_on_the_second_with_a_message(
    qtbot: QtBot,
    store: SqlStore,
    open_store: Callable[[], SqlStore],
    rules: ClinicalRules,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here, _ = _dialog(qtbot, store, rules)
    other_desk = Desk(rules, open_store(), "desk.sqlite3", here.desk.who())
    there = PrepareDialog(other_desk, here.dose_id, now=here.now)
    qtbot.addWidget(there)
    _scan(qtbot, there, "S-40")
    _scan(qtbot, here, "S-40")
    assert "S-40 was already scanned" in here.message.text()
    # The moment both scan together: this workstation's "unused" check was read before the
    # other one saved, so only the database's UNIQUE serial can refuse it.
    _scan(qtbot, there, "S-41")
    monkeypatch.setattr(SqlVialUses, "serial_used", lambda _self, _serial: False)
    _scan(qtbot, here, "S-41")
    assert "S-41 was recorded at the same moment on another workstation" in here.message.text()
    assert [v.serial for v in bench_dose(store, rules, here.dose_id).vials] == ["S-40", "S-41"]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab])
def test_a_scan_ending_in_enter_records_the_vial_and_nothing_else(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules, key: Qt.Key
) -> None:
    """Issue #16: a keyboard-wedge scanner types the code, then Enter. In the shown dialog that
    Enter used to press "Add vial by hand" too, whose "lot is required" hid the scan's verdict."""
    dialog, _ = _dialog(qtbot, store, rules)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.vials.scan.setFocus()
    # The GS separator inside the code is a key QTest cannot type: the text is set, the
    # terminating key is a real key press.
    dialog.vials.scan.setText(CODE + "S-1")
    qtbot.keyClick(dialog.vials.scan, key)
    assert dialog.state is not None
    assert [v.serial for v in dialog.state.vials] == ["S-1"]
    assert "required" not in dialog.message.text()
    assert dialog.vials.scan.text() == ""
    # A wrong product's code shows its own reason, not the hand-entry form's.
    qtbot.keyClicks(dialog.vials.scan, "0109999999999999" + "17281231" + "10LOT9")
    qtbot.keyClick(dialog.vials.scan, Qt.Key.Key_Return)
    assert "required" not in dialog.message.text()
    assert dialog.message.text() != ""
    assert [v.serial for v in dialog.state.vials] == ["S-1"]


def test_the_bench_names_the_patient(qtbot: QtBot, store: SqlStore, rules: ClinicalRules) -> None:
    dialog, _ = _dialog(qtbot, store, rules)
    # The patient of _patient_with_cycle_1, born 1990-05-05: 36 on the bench's day, 2026-12-01.
    assert dialog.patient.text() == "Sample, Ben · MRN MRN-55 · born 1990-05-05 (age 36)"


def test_a_vial_entered_by_hand_needs_the_expiry_typed_from_the_vial(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    """The expiry field starts empty: overlooked, it refuses instead of recording "today"."""
    dialog, _ = _dialog(qtbot, store, rules)
    vials = dialog.vials
    assert vials.manual_expiry.text() == ""
    vials.manual_lot.setText("LOT123")
    vials.manual_reason.setText("label torn")
    qtbot.mouseClick(vials.add_manual, Qt.MouseButton.LeftButton)
    assert "vial expiry" in dialog.message.text().lower()
    assert "required" in dialog.message.text()
    assert dialog.state is not None
    assert dialog.state.vials == ()
    vials.manual_expiry.setText("2028-13-01")
    qtbot.mouseClick(vials.add_manual, Qt.MouseButton.LeftButton)
    assert "'2028-13-01' is not a date" in dialog.message.text()
    vials.manual_expiry.setText("2028-12-31")
    qtbot.mouseClick(vials.add_manual, Qt.MouseButton.LeftButton)
    assert [(v.lot, v.expiry) for v in dialog.state.vials] == [("LOT123", date(2028, 12, 31))]
    assert vials.manual_expiry.text() == ""
