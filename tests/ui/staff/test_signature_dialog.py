"""The signature dialog: meaning shown, password at the moment of signing, blind double check."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from ino_desk.domain.staff.signatures import Meaning
from ino_desk.label.pack import load_pack
from ino_desk.services.staff.signature_views import order_signatures
from ino_desk.services.staff.signing import sign_prepared, verify_order
from ino_desk.ui.staff.signature_dialog import SignatureDialog
from tests.persistence.factories import database, first_cycle
from tests.services.users_fixtures import PASSWORDS, clock, staff, ustore

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore

__all__ = ["clock", "database", "staff", "ustore"]

ORDER = "Cycle 1 day 1 — Quillfeather, Ada (MRN-1001)"  # no figures: the check stays blind

RULES = load_pack().rules  # the shipped label pack, for helpers without fixtures


@pytest.fixture
def dose_id(ustore: SqlStore, rules: ClinicalRules, staff: dict[str, User]) -> int:
    day1 = first_cycle(ustore, rules).doses[0]
    assert day1.id is not None
    return day1.id


def _dialog(qtbot: QtBot, store: SqlStore, meaning: Meaning, dose_id: int) -> SignatureDialog:
    dialog = SignatureDialog(store, RULES, meaning, dose_id, ORDER)
    qtbot.addWidget(dialog)
    return dialog


def test_meaning_is_shown_and_a_technician_cannot_verify(
    qtbot: QtBot, ustore: SqlStore, dose_id: int
) -> None:
    dialog = _dialog(qtbot, ustore, Meaning.VERIFIED_ORDER, dose_id)
    meaning = dialog.findChild(QLabel, "signatureMeaning")
    assert meaning is not None
    assert "Meaning of this signature: verified order" in meaning.text()
    dialog.username.setText("tech.t")
    dialog.password.setText(PASSWORDS["tech.t"])
    dialog.sign()
    assert dialog.error.text() == "tech.t (Pharmacy technician) may not verify orders"
    assert dialog.password.text() == ""
    dialog.username.setText("pharm.a")
    dialog.password.setText(PASSWORDS["pharm.a"])
    dialog.sign()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.signature is not None
    assert dialog.signature.full_name == "Paula Apothecary"


def test_double_check_is_blind_and_a_mismatch_is_shown(
    qtbot: QtBot, ustore: SqlStore, dose_id: int
) -> None:
    verify_order(ustore, RULES, "pharm.a", PASSWORDS["pharm.a"], dose_id)
    sign_prepared(ustore, RULES, "tech.t", PASSWORDS["tech.t"], dose_id)
    dialog = _dialog(qtbot, ustore, Meaning.DOUBLE_CHECK, dose_id)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    # By hand (Mosteller 1.82 m2 x 0.8 mg/m2): 1.46 mg, 5.84 mL, 2 vials; none may be shown.
    for figure in ("1.46", "5.84"):
        assert figure not in shown
    dialog.username.setText("pharm.b")
    dialog.dose_mg.setText("1.46")
    dialog.volume_ml.setText("5.84")
    dialog.vials.setValue(3)
    dialog.password.setText(PASSWORDS["pharm.b"])
    dialog.sign()
    assert dialog.error.text().startswith("MISMATCH in vials")
    assert dialog.signature is None
    dialog.vials.setValue(2)
    dialog.password.setText(PASSWORDS["pharm.b"])
    dialog.sign()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [v.valid for v in order_signatures(ustore, dose_id)] == [True, True, True]


def test_unreadable_figures_name_the_field(qtbot: QtBot, ustore: SqlStore, dose_id: int) -> None:
    dialog = _dialog(qtbot, ustore, Meaning.DOUBLE_CHECK, dose_id)
    dialog.username.setText("pharm.b")
    dialog.dose_mg.setText("1,46")
    dialog.volume_ml.setText("5.84")
    dialog.vials.setValue(2)
    dialog.password.setText(PASSWORDS["pharm.b"])
    dialog.sign()
    assert dialog.error.text() == "dose (mg): type a number such as 1.46"
