"""Reconstitution/dilution presses are stored at once; the open one is found again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.bench.bench_marks import BenchEvent, BenchMark, open_preparation
from ino_desk.domain.bench.preparation import DilutedStorage, Dilution
from ino_desk.domain.errors import DomainError
from ino_desk.services.preparing.bench import bench_dose, mark_time
from tests.people import pharmacist
from tests.persistence.factories import WHO, first_cycle

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
H = timedelta(hours=1)
ROOM = DilutedStorage.ROOM_TEMPERATURE


def _mark(event: BenchEvent, at: datetime) -> BenchMark:
    return BenchMark(1, event, at, WHO)


def test_nothing_pressed_means_nothing_in_progress() -> None:
    assert open_preparation([], []) == (None, None)


def test_the_newest_open_reconstitution_and_its_dilution() -> None:
    marks = [_mark(BenchEvent.RECONSTITUTED, T0), _mark(BenchEvent.DILUTED, T0 + H)]
    assert open_preparation(marks, []) == (T0, Dilution(T0 + H, None))  # stored before r0009


def test_a_saved_or_wasted_bag_closes_its_reconstitution() -> None:
    marks = [_mark(BenchEvent.RECONSTITUTED, T0)]
    assert open_preparation(marks, [T0]) == (None, None)  # saved with that time
    assert open_preparation(marks, [T0 + 5 * H]) == (None, None)  # wasted later
    # a second bag started after the first was wasted is the one in progress
    again = [*marks, _mark(BenchEvent.RECONSTITUTED, T0 + 6 * H)]
    assert open_preparation(again, [T0 + 5 * H]) == (T0 + 6 * H, None)


def test_presses_are_stored_and_checked_in_order(store: SqlStore, rules: ClinicalRules) -> None:
    dose_id = first_cycle(store, rules).doses[0].id
    assert dose_id is not None
    with pytest.raises(DomainError, match="needs a reconstitution in progress"):
        mark_time(store, rules, dose_id, BenchEvent.DILUTED, T0, pharmacist(store), ROOM)
    mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, T0, pharmacist(store))
    with pytest.raises(DomainError, match="already reconstituted"):
        mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, T0 + H, pharmacist(store))
    mark_time(store, rules, dose_id, BenchEvent.DILUTED, T0 + H, pharmacist(store), ROOM)
    with pytest.raises(DomainError, match="no dilution yet"):
        mark_time(store, rules, dose_id, BenchEvent.DILUTED, T0 + 2 * H, pharmacist(store), ROOM)
    state = bench_dose(store, rules, dose_id)
    assert (state.reconstituted_at, state.diluted_at) == (T0, T0 + H)
