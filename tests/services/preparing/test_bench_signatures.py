"""The bench's one independent double check is the signature; saving needs the signatures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from ino_desk.domain.bench.bench_clock import UrgencyThresholds, bench_clock
from ino_desk.domain.bench.bench_marks import BenchEvent
from ino_desk.domain.bench.preparation import DilutedStorage, Dilution
from ino_desk.domain.bench.waste import WasteKind
from ino_desk.domain.errors import InputError
from ino_desk.domain.staff.signatures import CheckedFigures, SignatureRefusedError
from ino_desk.domain.staff.users import PermissionDeniedError
from ino_desk.persistence.records import AuditEventRecord
from ino_desk.services.preparing.bench import (
    LabelRefusedError,
    bench_dose,
    mark_time,
    save_preparation,
    waste_expired_dose,
)
from ino_desk.services.preparing.bench_vials import scan_vial
from ino_desk.services.preparing.preparations import preparations_of
from ino_desk.services.staff.signature_views import order_signatures
from ino_desk.services.staff.signing import double_check, sign_prepared
from tests.services.preparing.signed_dose import (
    CHECKER,
    CODE,
    PASSWORDS,
    PREPARER,
    VERIFIER,
    day1,
    people,
)

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore

D = Decimal
TODAY = date(2026, 3, 2)
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ROOM = DilutedStorage.ROOM_TEMPERATURE
WARN = UrgencyThresholds(timedelta(minutes=60), timedelta(minutes=15))  # screen choice
RIGHT = CheckedFigures(D("1.46"), D("5.84"), 2, "abc123")  # the lot is compared case-blind


def _prepared(store: SqlStore, rules: ClinicalRules) -> int:
    """Verified, two vials scanned, reconstituted 08:00, diluted 08:30, signed as prepared."""
    users = people(store)
    dose_id = day1(store, rules)
    tech = users[PREPARER]
    scan_vial(store, rules, dose_id, CODE + "S-1", tech, TODAY)
    scan_vial(store, rules, dose_id, CODE + "S-2", tech, TODAY)
    mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, START, tech)
    mark_time(store, rules, dose_id, BenchEvent.DILUTED, START + timedelta(minutes=30), tech, ROOM)
    sign_prepared(store, rules, PREPARER, PASSWORDS[PREPARER], dose_id)
    return dose_id


def test_a_mismatch_is_recorded_unsigned_and_agreement_is_the_signature(
    store: SqlStore, rules: ClinicalRules
) -> None:
    dose_id = _prepared(store, rules)
    wrong = double_check(
        store,
        rules,
        CHECKER,
        PASSWORDS[CHECKER],
        dose_id,
        CheckedFigures(D("1.46"), D("5.48"), 1, "ABC124"),
        compare_lot=True,
    )
    assert wrong.mismatches == ("drug volume (mL)", "vials", "lot")
    assert wrong.signature is None
    assert bench_dose(store, rules, dose_id).double_checked is None
    right = double_check(
        store, rules, CHECKER, PASSWORDS[CHECKER], dose_id, RIGHT, compare_lot=True
    )
    assert right.mismatches == ()
    assert right.signature is not None
    state = bench_dose(store, rules, dose_id)
    assert [c.mismatches for c in state.checks] == [("drug volume (mL)", "vials", "lot"), ()]
    assert state.double_checked is not None
    assert state.double_checked.full_name == "Paula Apothecary"
    with pytest.raises(SignatureRefusedError, match="already has an independent double check"):
        double_check(store, rules, CHECKER, PASSWORDS[CHECKER], dose_id, RIGHT, compare_lot=True)
    # The double_checks table has no lot column: the audit entry of each check keeps the lot typed.
    e = AuditEventRecord
    with store.database.engine.connect() as conn:
        reasons = conn.execute(
            select(e.reason).where(e.entity == "double_check").order_by(e.seq)
        ).scalars()
        assert list(reasons) == [
            "MISMATCH: drug volume (mL), vials, lot; lot entered: ABC124",
            "agrees; lot entered: abc123",
        ]


def test_the_checker_is_a_third_person_and_a_pharmacist(
    store: SqlStore, rules: ClinicalRules
) -> None:
    dose_id = _prepared(store, rules)
    with pytest.raises(SignatureRefusedError, match="different pharmacist"):
        double_check(store, rules, VERIFIER, PASSWORDS[VERIFIER], dose_id, RIGHT, compare_lot=True)
    with pytest.raises(PermissionDeniedError):
        double_check(store, rules, PREPARER, PASSWORDS[PREPARER], dose_id, RIGHT, compare_lot=True)
    assert bench_dose(store, rules, dose_id).checks == ()


def test_the_bench_check_needs_a_recorded_vial_for_its_lot(
    store: SqlStore, rules: ClinicalRules
) -> None:
    people(store)
    dose_id = day1(store, rules)
    sign_prepared(store, rules, PREPARER, PASSWORDS[PREPARER], dose_id)
    with pytest.raises(SignatureRefusedError, match="record the vials first"):
        double_check(store, rules, CHECKER, PASSWORDS[CHECKER], dose_id, RIGHT, compare_lot=True)


def test_an_unverified_order_cannot_be_signed_prepared_or_saved(
    store: SqlStore, rules: ClinicalRules
) -> None:
    users = people(store)
    dose_id = day1(store, rules, verified=False)
    assert bench_dose(store, rules, dose_id).verified is None
    with pytest.raises(SignatureRefusedError, match="must verify the order"):
        sign_prepared(store, rules, PREPARER, PASSWORDS[PREPARER], dose_id)
    scan_vial(store, rules, dose_id, CODE + "S-5", users[PREPARER], TODAY)
    mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, START, users[PREPARER])
    mark_time(store, rules, dose_id, BenchEvent.DILUTED, START, users[PREPARER], ROOM)
    with pytest.raises(InputError, match="must verify this order first"):
        save_preparation(store, rules, dose_id, START, users[PREPARER])


def test_saving_takes_preparer_and_checker_from_the_signatures_within_the_clock(
    store: SqlStore, rules: ClinicalRules
) -> None:
    dose_id = _prepared(store, rules)
    tech = people(store)[PREPARER]
    ok_time = START + timedelta(hours=1)
    with pytest.raises(InputError, match="double check must agree and be signed"):
        save_preparation(store, rules, dose_id, ok_time, tech)
    double_check(store, rules, CHECKER, PASSWORDS[CHECKER], dose_id, RIGHT, compare_lot=True)
    # Complete-by is 08:00 + 8 h = 16:00; at 15:01 a 60-minute infusion would end late (and
    # the bag diluted 08:30 at room temperature had to start by 12:30 anyway).
    with pytest.raises(LabelRefusedError):
        save_preparation(store, rules, dose_id, START + timedelta(hours=7, minutes=1), tech)
    assert bench_dose(store, rules, dose_id).waste == ()
    saved = save_preparation(store, rules, dose_id, ok_time, tech)
    assert (saved.prepared_by, saved.checked_by) == (PREPARER, CHECKER)
    assert (saved.reconstituted_at, saved.diluted_at) == (START, START + timedelta(minutes=30))
    assert [(v.lot, v.expiry) for v in saved.vial_lots] == [("ABC123", date(2028, 12, 31))] * 2
    assert preparations_of(store, dose_id) == [saved]
    (residue,) = bench_dose(store, rules, dose_id).waste
    assert (residue.kind, residue.discarded_mg) == (WasteKind.RESIDUAL, Decimal("0.34"))


def test_saving_needs_the_preparers_signature(store: SqlStore, rules: ClinicalRules) -> None:
    users = people(store)
    dose_id = day1(store, rules)
    tech = users[PREPARER]
    scan_vial(store, rules, dose_id, CODE + "S-6", tech, TODAY)
    mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, START, tech)
    mark_time(store, rules, dose_id, BenchEvent.DILUTED, START, tech, ROOM)
    with pytest.raises(InputError, match="preparer must sign"):
        save_preparation(store, rules, dose_id, START, tech)
    assert preparations_of(store, dose_id) == []


def test_a_wasted_bag_takes_its_signatures_so_a_new_bag_can_be_made(
    store: SqlStore, rules: ClinicalRules
) -> None:
    dose_id = _prepared(store, rules)
    double_check(store, rules, CHECKER, PASSWORDS[CHECKER], dose_id, RIGHT, compare_lot=True)
    tech = people(store)[PREPARER]
    # Reconstituted 08:00, diluted 08:30; at 16:30 it is past the 8 h complete-by (16:00).
    diluted = Dilution(START + timedelta(minutes=30), DilutedStorage.ROOM_TEMPERATURE)
    late = bench_clock(rules, START, diluted, START + timedelta(hours=8, minutes=30), WARN)
    waste_expired_dose(store, rules, dose_id, late, tech)
    views = {(v.signature.meaning.value, v.valid): v for v in order_signatures(store, dose_id)}
    assert set(views) == {
        ("verified order", True),  # the order itself still stands
        ("prepared", False),
        ("independent double check", False),
    }
    assert views["prepared", False].status == "VOID: the bag it signed was wasted"
    # A second bag: scanned, reconstituted and signed again by the same people.
    scan_vial(store, rules, dose_id, CODE + "S-3", tech, TODAY)
    scan_vial(store, rules, dose_id, CODE + "S-4", tech, TODAY)
    again = START + timedelta(hours=9)
    mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, again, tech)
    mark_time(store, rules, dose_id, BenchEvent.DILUTED, again + timedelta(minutes=20), tech, ROOM)
    sign_prepared(store, rules, PREPARER, PASSWORDS[PREPARER], dose_id)
    assert double_check(
        store, rules, CHECKER, PASSWORDS[CHECKER], dose_id, RIGHT, compare_lot=True
    ).signature
    saved = save_preparation(store, rules, dose_id, again + timedelta(hours=1), tech)
    assert (saved.prepared_by, saved.checked_by) == (PREPARER, CHECKER)
