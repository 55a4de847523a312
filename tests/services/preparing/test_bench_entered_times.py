"""Issue 16: the real time of a reconstitution or dilution entered afterwards, with a reason;
checked against now and the dose's earlier steps, kept, audited, and the clock runs from it."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pypdf
import pytest

from ino_desk.domain.bench.bench_clock import UrgencyThresholds, bench_clock
from ino_desk.domain.bench.bench_marks import BenchEvent, check_entered_time
from ino_desk.domain.bench.preparation import DilutedStorage
from ino_desk.domain.errors import InputError
from ino_desk.domain.printed.bag_label import BagLabel
from ino_desk.domain.printed.documents import LabelStock
from ino_desk.pdf.render import PdfRenderer
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.paperwork.bag_label_documents import prepare_bag_label
from ino_desk.services.preparing.bench import bench_dose, mark_time
from tests.people import cheap_passwords
from tests.services.preparing.signed_dose import PREPARER, day1, people
from tests.services.users_fixtures import rows

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.sqlite.sqlite_engine import Database

ROOM = DilutedStorage.ROOM_TEMPERATURE
WARN = UrgencyThresholds(timedelta(minutes=30), timedelta(minutes=10))


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 2, hour, minute, tzinfo=UTC)  # the dose's own day (Day 1)


@pytest.fixture
def clock() -> list[datetime]:
    return [at(8)]


@pytest.fixture
def timed(database: Database, clock: list[datetime]) -> SqlStore:
    """A store whose "now" the test moves: the order is verified at 08:00."""
    return SqlStore(database, clock=lambda: clock[0], passwords=cheap_passwords())


def _field_error(call: object) -> str:
    assert callable(call)
    with pytest.raises(InputError) as refused:
        call()
    return f"{refused.value.field}: {refused.value.message}"


def test_a_reconstitution_entered_later_runs_the_clock_from_its_real_time(
    timed: SqlStore, rules: ClinicalRules, clock: list[datetime]
) -> None:
    tech = people(timed)[PREPARER]
    dose_id = day1(timed, rules)  # verified at 08:00
    clock[0] = at(11)

    def entered(event: BenchEvent, when: datetime, reason: str, kept: object = None) -> object:
        storage = kept if isinstance(kept, DilutedStorage) else None
        return mark_time(timed, rules, dose_id, event, when, tech, storage, late_reason=reason)

    reconstituted = BenchEvent.RECONSTITUTED
    assert _field_error(lambda: entered(reconstituted, at(11, 5), "late")).startswith(
        "time: 2026-03-02 11:05"
    )
    assert "is in the future" in _field_error(lambda: entered(reconstituted, at(11, 5), "x"))
    assert "before the order's verification" in _field_error(
        lambda: entered(reconstituted, at(7, 50), "hood alarm")
    )
    assert _field_error(lambda: entered(reconstituted, at(9, 10), "  ")) == (
        "reason for the time: is required"
    )
    mark = entered(reconstituted, at(9, 10), "recorded after the hood alarm")
    assert bench_dose(timed, rules, dose_id).reconstituted_at == at(9, 10)
    assert "before the reconstituted time recorded" in _field_error(
        lambda: entered(BenchEvent.DILUTED, at(9, 5), "late", ROOM)
    )
    entered(BenchEvent.DILUTED, at(9, 40), "recorded after the hood alarm", ROOM)
    state = bench_dose(timed, rules, dose_id)
    assert state.dilution is not None
    assert state.dilution.at == at(9, 40)
    # PI 2.4 (CLINICAL-RULES 4): reconstitution → end of infusion ≤ 8 h: 09:10 + 8 h = 17:10;
    # room-temperature diluted bag ≤ 4 h: start by min(09:40 + 4 h, 17:10 − 1 h) = 13:40.
    clock_now = bench_clock(rules, at(9, 10), state.dilution, at(11), WARN)
    assert clock_now.limits.complete_by == at(17, 10)
    assert clock_now.limits.start_by == at(13, 40)
    [kept] = [m for m in state.marks if m.event is reconstituted]
    assert (kept.at, kept.entered_at, kept.time_reason) == (
        at(9, 10),
        at(11),
        "recorded after the hood alarm",
    )
    assert kept.entered_note.startswith("reconstituted 2026-03-02 ")
    assert "by tech.t: recorded after the hood alarm" in kept.entered_note
    assert mark is not None
    # The bag label prints the real times and says they were typed later (the reason is at
    # the bench and in the audit trail).
    prepared = prepare_bag_label(
        timed, rules, dose_id, at(11), at(9, 10), zone=UTC, dilution=state.dilution
    )
    label = prepared.document
    assert isinstance(label, BagLabel)
    assert (label.reconstituted_at, label.diluted_at) == (at(9, 10), at(9, 40))
    assert label.entered_later == "entered later 11:00"
    for stock in LabelStock:  # it fits the smallest stock, with the signers
        pdf = PdfRenderer().bag_label(replace(label, stock=stock))
        text = " ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
        assert "09:10 UTC · diluted 09:40" in text
        assert "use within 4 h (PI 2.4; storage PI 2.4, unconfirmed) · entered later 11:00" in text
    undiluted = prepare_bag_label(timed, rules, dose_id, at(11), at(9, 10), zone=UTC).document
    assert isinstance(undiluted, BagLabel)
    assert undiluted.entered_later == "entered later 11:00"
    for stock in LabelStock:
        pdf = PdfRenderer().bag_label(replace(undiluted, stock=stock))
        text = " ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
        assert "· entered later 11:00" in text
    [(reason,)] = rows(
        timed,
        "SELECT reason FROM audit_events WHERE entity = 'bench_mark' ORDER BY seq LIMIT 1",
    )
    assert reason == (
        "Time entered later: reconstituted at 2026-03-02 09:10 UTC, entered 2026-03-02 11:00 "
        "UTC: recorded after the hood alarm"
    )


def test_a_time_pressed_now_keeps_no_entry_time(
    timed: SqlStore, rules: ClinicalRules, clock: list[datetime]
) -> None:
    tech = people(timed)[PREPARER]
    dose_id = day1(timed, rules)
    clock[0] = at(9)
    mark = mark_time(timed, rules, dose_id, BenchEvent.RECONSTITUTED, at(9), tech)
    assert (mark.entered_at, mark.time_reason, mark.entered_note) == (None, "", "")


def test_an_entered_time_more_than_a_day_back_is_refused() -> None:
    now = at(11)
    with pytest.raises(InputError, match="within the last 24 hours"):
        check_entered_time(now - timedelta(hours=24, minutes=1), now, "late", ())
    assert check_entered_time(now - timedelta(hours=24), now, " late ", ()) == "late"
