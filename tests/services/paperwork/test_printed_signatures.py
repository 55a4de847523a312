"""Electronic signatures printed on the stored order sheet and bag label (21 CFR 11.50).

One dose (cycle 1 Day 1 of `first_cycle`: 170 cm, 70 kg, Mosteller 1.82 m², 0.8 mg/m² →
1.46 mg, 5.84 mL, 2 vials) taken from order to bag by three sign-ins: pharm.a verifies,
tech.t prepares, pharm.c double-checks. Times print in the zone asked for; 2026-03-02 is
before the US change to daylight time (2026-03-08), so New York is EST = UTC - 5 h.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.printed.bag_label import BagLabel
from ino_desk.domain.printed.documents import LabelStock, OrderSheet
from ino_desk.domain.printed.printed_signatures import ElectronicSignature, LabelSigner
from ino_desk.domain.records import PreparationRecord, VialLot
from ino_desk.domain.staff.signatures import CheckedFigures
from ino_desk.domain.staff.users import Role
from ino_desk.label.pack import load_pack
from ino_desk.pdf.render import PdfRenderer
from ino_desk.services.paperwork.bag_label_documents import prepare_bag_label
from ino_desk.services.paperwork.cycle_documents import prepare_order_sheet
from ino_desk.services.planning.doses import record_dose_status
from ino_desk.services.staff.signing import double_check, sign_prepared, verify_order
from tests.pdf.worked_patient import pdf_pages
from tests.people import pharmacist, stored_user
from tests.persistence.factories import first_cycle
from tests.services.users_fixtures import PASSWORDS, Clock, clock, staff, ustore
from tests.stored_rows import stored_preparation_row

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.planning.cycles import SavedCycle

__all__ = ["clock", "staff", "ustore"]

NEW_YORK = ZoneInfo("America/New_York")
PRINTED = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
# 1.46 mg, 5.84 mL, 2 vials: the figures pharm.c enters blind (hand-computed above)
RIGHT = CheckedFigures(Decimal("1.46"), Decimal("5.84"), 2)

# Signed at 09:30, 09:50 and 10:05 UTC (the clock of `ustore`), i.e. 04:30, 04:50, 05:05 EST.
VERIFIED = ElectronicSignature(
    1,
    "verified order",
    "Paula Apothecary",
    "pharmacist",
    datetime(2026, 3, 2, 4, 30, tzinfo=NEW_YORK),
)
PREPARED = ElectronicSignature(
    1,
    "prepared",
    "Theo Technician",
    "technician",
    datetime(2026, 3, 2, 4, 50, tzinfo=NEW_YORK),
)
CHECKED = ElectronicSignature(
    1,
    "independent double check",
    "Cleo Capsule",
    "pharmacist",
    datetime(2026, 3, 2, 5, 5, tzinfo=NEW_YORK),
)

RULES = load_pack().rules  # the shipped label pack, for helpers without fixtures


@pytest.fixture
def cycle(ustore: SqlStore, rules: ClinicalRules, staff: dict[str, User]) -> SavedCycle:
    return first_cycle(ustore, rules)


def _day1(cycle: SavedCycle) -> int:
    assert cycle.doses[0].id is not None
    return cycle.doses[0].id


def _sign_all_three(store: SqlStore, clock: Clock, dose_id: int) -> None:
    verify_order(store, RULES, "pharm.a", PASSWORDS["pharm.a"], dose_id)
    clock.advance(20)
    sign_prepared(store, RULES, "tech.t", PASSWORDS["tech.t"], dose_id)
    clock.advance(15)
    result = double_check(store, RULES, "pharm.c", PASSWORDS["pharm.c"], dose_id, RIGHT)
    assert result.mismatches == ()


def _sheet(store: SqlStore, rules: ClinicalRules, cycle: SavedCycle) -> OrderSheet:
    doc = prepare_order_sheet(store, rules, cycle.cycle.id or 0, PRINTED, zone=NEW_YORK).document
    assert isinstance(doc, OrderSheet)
    return doc


def _label(
    store: SqlStore, rules: ClinicalRules, dose_id: int, stock: LabelStock | None = None
) -> BagLabel:
    reconstituted = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
    doc = prepare_bag_label(
        store, rules, dose_id, PRINTED, reconstituted, stock, zone=NEW_YORK
    ).document
    assert isinstance(doc, BagLabel)
    return doc


def test_sheet_carries_all_three_signatures_with_names_times_and_meanings(
    ustore: SqlStore, rules: ClinicalRules, clock: Clock, cycle: SavedCycle
) -> None:
    _sign_all_three(ustore, clock, _day1(cycle))
    sheet = _sheet(ustore, rules, cycle)
    assert sheet.electronic_signatures == (VERIFIED, PREPARED, CHECKED)
    prescriber, verifier, checker = sheet.signatures
    assert (prescriber.role, prescriber.electronic, prescriber.needs_paper) == (
        "Prescriber",
        (),
        True,
    )
    # Day 1 signed; Day 8 and Day 15 are not, so their paper lines stay.
    assert (verifier.electronic, verifier.unsigned_days, verifier.needs_paper) == (
        (VERIFIED,),
        (8, 15),
        True,
    )
    assert (checker.electronic, checker.unsigned_days) == ((CHECKED,), (8, 15))

    text = " ".join(pdf_pages(PdfRenderer().order_sheet(sheet)))
    for shown in (
        "Electronic signatures",
        "Day Meaning Printed name (role) Date/time Status",
        "1 verified order Paula Apothecary (pharmacist) Mon 2026-03-02 04:30 EST valid",
        "1 prepared Theo Technician (technician) Mon 2026-03-02 04:50 EST valid",
        "1 independent double check Cleo Capsule (pharmacist) Mon 2026-03-02 05:05 EST valid",
        "Signed electronically (verified order):",
        "Day 1: Paula Apothecary",
        "Signed electronically (independent double check):",
        "Day 1: Cleo Capsule",
        "Not signed electronically for Day 8, Day 15: sign on paper",
        "Prescriber Signature ___",  # prescribers sign on paper
        "written Mon 2026-03-02 06:00 EST",  # 11:00 UTC, the sheet's one zone
    ):
        assert shown in text, shown
    assert "VOID:" not in text


def test_a_changed_order_reprints_the_signatures_as_void_never_valid(
    ustore: SqlStore, rules: ClinicalRules, clock: Clock, cycle: SavedCycle
) -> None:
    dose_id = _day1(cycle)
    _sign_all_three(ustore, clock, dose_id)
    signed = _sheet(ustore, rules, cycle)
    record_dose_status(
        ustore,
        rules,
        dose_id,
        DoseStatus.REDUCED,
        pharmacist(ustore, "pharm.b"),
        reason="platelets low",
        reduced_dose_mg=Decimal("1.2"),
    )
    sheet = _sheet(ustore, rules, cycle)
    reason = "the order changed after it was signed"
    assert sheet.electronic_signatures == tuple(
        ElectronicSignature(s.day, s.meaning, s.name, s.role, s.signed_at, reason)
        for s in (VERIFIED, PREPARED, CHECKED)
    )
    assert sheet.content_hash != signed.content_hash
    # No valid signature is left, so the blocks are blank paper blocks again.
    assert all(not b.electronic and b.needs_paper for b in sheet.signatures)

    text = " ".join(pdf_pages(PdfRenderer().order_sheet(sheet)))
    assert text.count("VOID: the order changed after it was signed") == 3
    assert " EST valid" not in text  # no row reads valid
    assert "Signed electronically" not in text
    assert "Verifying pharmacist Signature ___" in text

    # Verified again after the change: the new signature is valid, the old ones stay VOID.
    clock.advance(60)  # 11:05 UTC = 06:05 EST
    verify_order(ustore, rules, "pharm.a", PASSWORDS["pharm.a"], dose_id)
    again = _sheet(ustore, rules, cycle)
    assert [(s.meaning, s.valid) for s in again.electronic_signatures] == [
        ("verified order", False),
        ("prepared", False),
        ("independent double check", False),
        ("verified order", True),
    ]
    text = " ".join(pdf_pages(PdfRenderer().order_sheet(again)))
    assert "Paula Apothecary (pharmacist) Mon 2026-03-02 06:05 EST valid" in text


def test_each_signature_changes_the_sheet_hash(
    ustore: SqlStore, rules: ClinicalRules, cycle: SavedCycle
) -> None:
    dose_id = _day1(cycle)
    unsigned = _sheet(ustore, rules, cycle)
    assert _sheet(ustore, rules, cycle).content_hash == unsigned.content_hash  # deterministic
    verify_order(ustore, rules, "pharm.a", PASSWORDS["pharm.a"], dose_id)
    verified = _sheet(ustore, rules, cycle)
    assert verified.content_hash != unsigned.content_hash
    assert verified.document_id != unsigned.document_id


def test_omitted_dose_signatures_leave_the_sheet_with_the_dose(
    ustore: SqlStore, rules: ClinicalRules, cycle: SavedCycle
) -> None:
    day15 = cycle.doses[2].id or 0
    verify_order(ustore, rules, "pharm.a", PASSWORDS["pharm.a"], day15)
    record_dose_status(
        ustore,
        rules,
        day15,
        DoseStatus.OMITTED,
        pharmacist(ustore, "pharm.b"),
        reason="VOD suspected",
    )
    sheet = _sheet(ustore, rules, cycle)
    assert sheet.electronic_signatures == ()
    assert [d.day for d in sheet.doses] == [1, 8]


def test_bag_label_prints_verifier_preparer_and_checker_with_times(
    ustore: SqlStore, rules: ClinicalRules, clock: Clock, cycle: SavedCycle
) -> None:
    dose_id = _day1(cycle)
    _sign_all_three(ustore, clock, dose_id)
    for stock in LabelStock:
        label = _label(ustore, rules, dose_id, stock=stock)
        assert label.signers == (
            LabelSigner("Verified by", "Paula Apothecary", VERIFIED.signed_at),
            LabelSigner("Prepared by", "Theo Technician", PREPARED.signed_at),
            LabelSigner("Checked by", "Cleo Capsule", CHECKED.signed_at),
        )
        text = " ".join(pdf_pages(PdfRenderer().bag_label(label)))
        for shown in (
            "Verified by: Paula Apothecary 2026-03-02 04:30 EST",
            "Prepared by: Theo Technician 2026-03-02 04:50 EST",
            "Checked by: Cleo Capsule 2026-03-02 05:05 EST",
            # reconstituted 10:30 UTC = 05:30 EST; + 4 h = 09:30; + 8 h = 13:30 (PI 2.4)
            "Mon 2026-03-02 05:30 EST",
            "Mon 2026-03-02 09:30 EST",
            "Mon 2026-03-02 13:30 EST",
        ):
            assert shown in text, (stock, shown)


def test_label_falls_back_to_the_recorded_names_and_shows_a_void_signature(
    ustore: SqlStore, rules: ClinicalRules, clock: Clock, cycle: SavedCycle
) -> None:
    dose_id = _day1(cycle)
    verify_order(ustore, rules, "pharm.a", PASSWORDS["pharm.a"], dose_id)
    stored_preparation_row(
        ustore,
        PreparationRecord(
            dose_id,
            (VialLot("LOT-A1", date(2027, 1, 31)),),
            datetime(2026, 3, 2, 10, 30, tzinfo=UTC),
            datetime(2026, 3, 2, 10, 45, tzinfo=UTC),
            "T. Recorded",
            "C. Recorded",
        ),
        stored_user(ustore, "tech.t", Role.TECHNICIAN),
    )
    label = _label(ustore, rules, dose_id)
    # No prepared / checked signatures: the preparation record's names, without a time.
    assert label.signers == (
        LabelSigner("Verified by", "Paula Apothecary", VERIFIED.signed_at),
        LabelSigner("Prepared by", "T. Recorded"),
        LabelSigner("Checked by", "C. Recorded"),
    )
    record_dose_status(
        ustore,
        rules,
        dose_id,
        DoseStatus.REDUCED,
        pharmacist(ustore, "pharm.b"),
        reason="platelets low",
        reduced_dose_mg=Decimal("1.2"),
    )
    voided = _label(ustore, rules, dose_id)
    assert voided.signers[0] == LabelSigner(
        "Verified by", None, None, "the order changed after it was signed"
    )
    text = " ".join(pdf_pages(PdfRenderer().bag_label(voided)))
    assert "Paula Apothecary" not in text
    assert "Verified by: ________________ e-signature VOID" in text
    assert voided.content_hash != label.content_hash
