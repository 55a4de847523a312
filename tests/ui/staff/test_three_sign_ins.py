"""Issue #7's done-when, through the screens on one real SQLite file: a pharmacist verifies,
a technician signs in and prepares, a second pharmacist checks blind at the bench; the bag is
labelled and the order sheet shows all three signatures (21 CFR 11.50: printed name,
date/time, meaning).

Patient 170 cm, 70 kg: BSA √(170×70/3600) = 1.818… → 1.82 m². Cycle 1 Day 1:
0.8 mg/m² × 1.82 = 1.456 → 1.46 mg; ⌈1.46 / 0.9⌉ = 2 vials; 1.46 / 0.25 = 5.84 mL of drug.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ino_desk.domain.bench.preparation import DilutedStorage
from ino_desk.domain.printed.bag_label import BagLabel
from ino_desk.domain.rules import ClinicalRules
from ino_desk.domain.staff.users import Role
from ino_desk.pdf.render import PdfRenderer
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.paperwork.cycle_documents import prepare_order_sheet
from ino_desk.services.staff.sign_in import authenticate
from ino_desk.ui.shell.main_window import MainWindow
from ino_desk.ui.shell.session import start_locked
from tests.pdf.worked_patient import pdf_pages
from tests.people import stored_user
from tests.services.preparing.signed_dose import CODE  # lot ABC123, expiry 2028-12-31
from tests.ui.bench.test_prepare_flow import _click
from tests.ui.dose_day.test_dose_actions import START, _patient_with_cycle_1

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PEOPLE = {
    "pharm.a": (Role.PHARMACIST, "Paula Apothecary", "first-pharmacist-pw"),
    "tech.t": (Role.TECHNICIAN, "Tom Technician", "technician-passw0rd"),
    "pharm.b": (Role.PHARMACIST, "Boris Bottle", "second-pharmacist-pw"),
}


def test_three_sign_ins_take_one_dose_from_order_to_labelled_bag(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
) -> None:
    # Everything happens on Day 1's own day: a bag is made and signed for on that day only.
    morning = datetime(START.year, START.month, START.day, 9, 0).astimezone()
    store = SqlStore(
        store.database, clock=lambda: morning.astimezone(UTC), passwords=store.passwords
    )
    for name, (role, full, password) in PEOPLE.items():
        stored_user(store, name, role, password, full)
    patient_id, _ = _patient_with_cycle_1(store, rules)
    cycle = patient_overview(store, patient_id).courses[0].cycles[0]
    day1 = cycle.doses[0]
    assert day1.id is not None
    assert cycle.cycle.id is not None
    window = make_window(store, signed_in=False, now=morning.astimezone(UTC))
    window.desk.renderer = PdfRenderer()
    lock = start_locked(window, store, 10, lambda: None)
    window.show()
    assert lock.is_locked

    # 1. The pharmacist signs in and verifies the order with her password.
    assert lock.unlock_as(authenticate(store, "pharm.a", PEOPLE["pharm.a"][2]))
    window.patient_page.open_patient(patient_id)
    day = window.patient_page.dose_day
    day.select_dose(day1.id)
    _click(qtbot, day.signatures.verify)
    verify = day.signatures.dialog
    verify.password.setText(PEOPLE["pharm.a"][2])
    verify.sign()
    assert "verified order: Paula Apothecary (Pharmacist)" in day.signatures.lines.text()

    # 2. She walks away; the technician signs in at the same workstation and prepares.
    lock.lock()
    assert lock.unlock_as(authenticate(store, "tech.t", PEOPLE["tech.t"][2]))
    assert window.desk.who().username == "tech.t"
    # The lock closed her patient: the technician opens it again for himself.
    assert window.patient_page.overview is None
    window.patient_page.open_patient(patient_id)
    day.select_dose(day1.id)
    _click(qtbot, day.buttons["prepare"])
    bench = day.prepare_dialog
    assert bench.blocked.isHidden()  # the order is verified
    for serial in ("S-1", "S-2"):
        bench.vials.scan.setText(CODE + serial)
        qtbot.keyClick(bench.vials.scan, Qt.Key.Key_Return)
    _click(qtbot, bench.clock_box.reconstituted)
    # how the diluted bag is kept: asked, never assumed (click(), as in test_prepare_flow._keep)
    bench.clock_box.storage_buttons[DilutedStorage.ROOM_TEMPERATURE].click()
    _click(qtbot, bench.clock_box.diluted)
    _click(qtbot, bench.signatures.sign_prepared)
    prepared = bench.signatures.sign_dialog
    assert prepared is not None
    assert prepared.username.text() == "tech.t"
    prepared.password.setText(PEOPLE["tech.t"][2])
    prepared.sign()

    # 3. The second pharmacist checks blind at the bench with his own name and password.
    box = bench.check
    for field, value in zip(
        (box.dose_mg, box.volume_ml, box.vials, box.lot, box.checker, box.password),
        ("1.46", "5.84", "2", "ABC123", "pharm.b", PEOPLE["pharm.b"][2]),
        strict=True,
    ):
        field.setText(value)
    _click(qtbot, box.button)
    assert "Double check agrees and is signed by Boris Bottle" in box.verdict.text()
    _click(qtbot, bench.save)
    assert "Preparation saved" in bench.message.text()

    # 4. The bag label names all three.
    _click(qtbot, bench.print_label)
    label = bench.label_preview.prepared.document
    assert isinstance(label, BagLabel)
    assert [(s.title, s.name) for s in label.signers] == [
        ("Verified by", "Paula Apothecary"),
        ("Prepared by", "Tom Technician"),
        ("Checked by", "Boris Bottle"),
    ]
    assert all(s.signed_at is not None for s in label.signers)
    bench.label_preview.close()

    # 5. The order sheet shows the three signatures: name, role, date/time and meaning.
    now = datetime.now(UTC)
    sheet = prepare_order_sheet(store, rules, cycle.cycle.id, now, zone=UTC).document
    signed = [
        (s.day, s.meaning, s.name, s.role, s.valid)
        for s in sheet.electronic_signatures  # type: ignore[union-attr]
    ]
    assert signed == [
        (1, "verified order", "Paula Apothecary", "pharmacist", True),
        (1, "prepared", "Tom Technician", "technician", True),
        (1, "independent double check", "Boris Bottle", "pharmacist", True),
    ]
    text = " ".join(pdf_pages(PdfRenderer().order_sheet(sheet)))  # type: ignore[arg-type]
    for shown in (
        "Paula Apothecary (pharmacist)",
        "Tom Technician (technician)",
        "Boris Bottle (pharmacist)",
        f"{now:%Y-%m-%d}",
    ):
        assert shown in text, shown
    assert "VOID:" not in text
