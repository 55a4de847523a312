"""The diluted bag's storage at the bench, on real SQLite files (issue #13 defect 12).

Pack values used by hand (PI 2.4, Table 6): diluted bag at room temperature ≤ 4 h,
refrigerated ≤ 3 h; reconstitution → end of infusion ≤ 8 h; infusion 60 min.
start by = min(dilution + storage limit, reconstitution + 8 h − 1 h).
Patient and dose as in tests/bench/signed_dose.py (1.46 mg, 2 vials, residue 0.34 mg).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.bench.bench_clock import UrgencyThresholds, bench_clock
from ino_desk.domain.bench.bench_marks import BenchEvent
from ino_desk.domain.bench.preparation import DilutedStorage, Dilution
from ino_desk.domain.bench.waste import WasteKind
from ino_desk.domain.errors import InputError
from ino_desk.domain.printed.bag_label import BagLabel
from ino_desk.domain.printed.documents import DocumentRefusedError
from ino_desk.domain.staff.signatures import CheckedFigures
from ino_desk.services.paperwork.bag_label_documents import prepare_bag_label
from ino_desk.services.preparing.bench import (
    LabelRefusedError,
    bench_dose,
    mark_time,
    save_preparation,
    waste_expired_dose,
)
from ino_desk.services.preparing.bench_vials import scan_vial
from ino_desk.services.preparing.preparations import preparations_of
from ino_desk.services.staff.signing import double_check, sign_prepared
from tests.services.preparing.signed_dose import CHECKER, CODE, PASSWORDS, PREPARER, day1, people

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore

TODAY = date(2026, 3, 2)
ROOM, FRIDGE = DilutedStorage.ROOM_TEMPERATURE, DilutedStorage.REFRIGERATED
RIGHT = CheckedFigures(Decimal("1.46"), Decimal("5.84"), 2, "ABC123")


def at(hh: int, mm: int) -> datetime:
    return datetime(2026, 3, 2, hh, mm, tzinfo=UTC)


def _made(store: SqlStore, rules: ClinicalRules, diluted: datetime, kept: DilutedStorage) -> int:
    """Verified, two vials, reconstituted 08:00, diluted as given, signed and double-checked."""
    tech = people(store)[PREPARER]
    dose_id = day1(store, rules)
    scan_vial(store, rules, dose_id, CODE + "S-1", tech, TODAY)
    scan_vial(store, rules, dose_id, CODE + "S-2", tech, TODAY)
    mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, at(8, 0), tech)
    mark_time(store, rules, dose_id, BenchEvent.DILUTED, diluted, tech, kept)
    sign_prepared(store, rules, PREPARER, PASSWORDS[PREPARER], dose_id)
    double_check(store, rules, CHECKER, PASSWORDS[CHECKER], dose_id, RIGHT, compare_lot=True)
    return dose_id


def test_a_dilution_must_say_how_the_bag_is_kept(store: SqlStore, rules: ClinicalRules) -> None:
    tech = people(store)[PREPARER]
    dose_id = day1(store, rules)
    scan_vial(store, rules, dose_id, CODE + "S-1", tech, TODAY)
    mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, at(8, 0), tech)
    with pytest.raises(InputError, match="storage: say how the diluted bag is kept"):
        mark_time(store, rules, dose_id, BenchEvent.DILUTED, at(8, 5), tech)
    assert bench_dose(store, rules, dose_id).dilution is None  # nothing was stored
    with pytest.raises(InputError, match="storage: is given with the dilution"):
        mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, at(8, 1), tech, ROOM)
    mark_time(store, rules, dose_id, BenchEvent.DILUTED, at(8, 5), tech, FRIDGE)
    assert bench_dose(store, rules, dose_id).dilution == Dilution(at(8, 5), FRIDGE)


def test_the_original_defect_a_bag_diluted_0805_is_refused_at_1455(
    store: SqlStore, rules: ClinicalRules
) -> None:
    # Diluted 08:05 at room temperature: start by min(08:05 + 4 h, 08:00 + 8 h − 1 h)
    # = min(12:05, 15:00) = 12:05. At 14:55 the old checks let it pass (ends 15:55 ≤ 16:00).
    dose_id = _made(store, rules, at(8, 5), ROOM)
    tech = people(store)[PREPARER]
    room = rules.diluted_room_temperature_max_h
    with pytest.raises(LabelRefusedError) as refused:
        save_preparation(store, rules, dose_id, at(14, 55), tech)
    message = str(refused.value)
    assert "Diluted bag kept at room temperature: more than 4 hours since dilution" in message
    assert f"({room.citation})" in message
    assert preparations_of(store, dose_id) == []
    # As for the other limits, the bag is then recorded as wasted, with that reason.
    state = bench_dose(store, rules, dose_id)
    assert state.dilution == Dilution(at(8, 5), ROOM)
    clock = bench_clock(
        rules, at(8, 0), state.dilution, at(14, 55), UrgencyThresholds(timedelta(0), timedelta(0))
    )
    wasted = waste_expired_dose(store, rules, dose_id, clock, tech)
    assert wasted.kind is WasteKind.WHOLE_DOSE
    assert "more than 4 hours since dilution" in wasted.reason


@pytest.mark.parametrize(
    ("kept", "last_ok", "first_refused"),
    [
        (ROOM, at(12, 5), at(12, 6)),  # 08:05 + 4 h = 12:05
        (FRIDGE, at(11, 5), at(11, 6)),  # 08:05 + 3 h = 11:05
    ],
)
def test_saving_is_allowed_up_to_start_by_and_keeps_the_storage(
    store: SqlStore,
    rules: ClinicalRules,
    kept: DilutedStorage,
    last_ok: datetime,
    first_refused: datetime,
) -> None:
    dose_id = _made(store, rules, at(8, 5), kept)
    tech = people(store)[PREPARER]
    with pytest.raises(LabelRefusedError, match="start-infusion-by time has passed"):
        save_preparation(store, rules, dose_id, first_refused, tech)
    saved = save_preparation(store, rules, dose_id, last_ok, tech)
    assert (saved.diluted_at, saved.diluted_storage) == (at(8, 5), kept)
    assert preparations_of(store, dose_id) == [saved]


def test_a_late_dilution_at_room_temperature_is_bound_by_the_8_hours(
    store: SqlStore, rules: ClinicalRules
) -> None:
    # Diluted 11:30 at room temperature: min(11:30 + 4 h, 15:00) = 15:00; at 15:01 the
    # infusion would end 16:01, past 08:00 + 8 h.
    dose_id = _made(store, rules, at(11, 30), ROOM)
    tech = people(store)[PREPARER]
    with pytest.raises(LabelRefusedError, match="more than 8 hours after reconstitution"):
        save_preparation(store, rules, dose_id, at(15, 1), tech)
    assert save_preparation(store, rules, dose_id, at(15, 0), tech).diluted_storage is ROOM


# The NULL of an old row is written into the file directly: the column is the same on both engines.
@pytest.mark.sqlite_only
def test_a_dilution_stored_before_r0009_counts_as_refrigerated(
    store: SqlStore, rules: ClinicalRules
) -> None:
    # A Diluted press from before the storage was asked: the column is NULL. It reads as "not
    # recorded" and counts as the shorter limit, refrigerated 3 h: 08:05 + 3 h = 11:05.
    dose_id = _made(store, rules, at(8, 5), ROOM)
    con = sqlite3.connect(store.database.path)
    con.execute("UPDATE bench_marks SET storage = NULL WHERE event = 'diluted'")
    con.commit()
    con.close()
    assert bench_dose(store, rules, dose_id).dilution == Dilution(at(8, 5), None)
    tech = people(store)[PREPARER]
    with pytest.raises(LabelRefusedError, match=r"storage not recorded \(counted as refrigerated"):
        save_preparation(store, rules, dose_id, at(11, 6), tech)
    saved = save_preparation(store, rules, dose_id, at(11, 5), tech)
    assert saved.diluted_storage is None


def test_the_saved_bags_label_prints_start_by_and_is_refused_after_it(
    store: SqlStore, rules: ClinicalRules
) -> None:
    # Diluted 08:05 refrigerated: start by min(08:05 + 3 h, 15:00) = 11:05. Saved at 10:00.
    dose_id = _made(store, rules, at(8, 5), FRIDGE)
    save_preparation(store, rules, dose_id, at(10, 0), people(store)[PREPARER])
    prepared = prepare_bag_label(store, rules, dose_id, at(11, 5), zone=UTC)
    label = prepared.document
    assert isinstance(label, BagLabel)
    assert (label.diluted_at, label.start_by) == (at(8, 5), at(11, 5))
    assert label.storage == "refrigerated 2–8 °C, use within 3 h; allow ~1 h to warm"
    with pytest.raises(DocumentRefusedError, match="Diluted bag kept refrigerated: more than 3"):
        prepare_bag_label(store, rules, dose_id, at(11, 6), zone=UTC)
    # the label prints what was recorded: another dilution or storage typed in is refused
    with pytest.raises(DocumentRefusedError, match="dilution time or storage given differs"):
        prepare_bag_label(
            store, rules, dose_id, at(10, 30), zone=UTC, dilution=Dilution(at(8, 5), ROOM)
        )
