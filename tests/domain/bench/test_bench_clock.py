"""The bench clock counts real elapsed time: across midnight and both 2026 US DST changes.

PI 2.4 limits used by hand below: dilute within 4 h of reconstitution, infusion (60 min)
complete within 8 h of reconstitution.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from ino_desk.domain.bench.bench_clock import (
    Urgency,
    UrgencyThresholds,
    bench_clock,
    countdown,
    local_time_text,
    remaining_text,
)
from ino_desk.domain.bench.preparation import DilutedStorage, Dilution, deadlines

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

NY = ZoneInfo("America/New_York")
# Screen choices for the test, not clinical rules.
WARN = UrgencyThresholds(amber_within=timedelta(minutes=60), red_within=timedelta(minutes=15))


def test_across_midnight(rules: ClinicalRules) -> None:
    # 22:30 EST on 2 March; +4 h = 02:30 on 3 March, +8 h = 06:30 on 3 March.
    start = datetime(2026, 3, 2, 22, 30, tzinfo=NY)
    limits = deadlines(rules, start)
    assert local_time_text(limits.dilute_by, NY) == "2026-03-03 02:30 EST"
    assert local_time_text(limits.complete_by, NY) == "2026-03-03 06:30 EST"


def test_spring_forward_adds_real_hours_not_wall_clock_hours(rules: ClinicalRules) -> None:
    # 8 March 2026, 02:00 EST becomes 03:00 EDT. Reconstituted 00:30 EST = 05:30 UTC.
    # +4 h = 09:30 UTC = 05:30 EDT (the wall clock moved 5 h); +8 h = 13:30 UTC = 09:30 EDT.
    start = datetime(2026, 3, 8, 0, 30, tzinfo=NY)
    limits = deadlines(rules, start)
    assert limits.dilute_by.astimezone(UTC) == datetime(2026, 3, 8, 9, 30, tzinfo=UTC)
    assert limits.complete_by.astimezone(UTC) == datetime(2026, 3, 8, 13, 30, tzinfo=UTC)
    assert local_time_text(limits.dilute_by, NY) == "2026-03-08 05:30 EDT"
    assert local_time_text(limits.complete_by, NY) == "2026-03-08 09:30 EDT"


def test_fall_back_adds_real_hours_not_wall_clock_hours(rules: ClinicalRules) -> None:
    # 1 November 2026, 02:00 EDT becomes 01:00 EST. Reconstituted 00:30 EDT = 04:30 UTC.
    # +4 h = 08:30 UTC = 03:30 EST (the wall clock moved 3 h); +8 h = 12:30 UTC = 07:30 EST.
    start = datetime(2026, 11, 1, 0, 30, tzinfo=NY)
    limits = deadlines(rules, start)
    assert limits.dilute_by.astimezone(UTC) == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    assert local_time_text(limits.dilute_by, NY) == "2026-11-01 03:30 EST"
    assert local_time_text(limits.complete_by, NY) == "2026-11-01 07:30 EST"


def test_countdown_during_the_repeated_hour(rules: ClinicalRules) -> None:
    # Reconstituted 01:30 EDT (05:30 UTC); dilute-by 09:30 UTC = 04:30 EST.
    # "Now" is 01:30 EST (fold=1), i.e. 06:30 UTC: 1 h has passed, 3 h remain,
    # although the wall clock shows the same 01:30 as at reconstitution.
    start = datetime(2026, 11, 1, 1, 30, tzinfo=NY)
    now = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NY)
    clock = bench_clock(rules, start, None, now, WARN)
    assert clock.dilute_by is not None
    assert clock.dilute_by.remaining == timedelta(hours=3)
    assert clock.complete_by.remaining == timedelta(hours=7)
    assert clock.can_label


@pytest.mark.parametrize(
    ("minutes_left", "urgency"),
    [
        (61, Urgency.OK),
        (60, Urgency.AMBER),
        (16, Urgency.AMBER),
        (15, Urgency.RED),
        (1, Urgency.RED),
        (0, Urgency.EXPIRED),
        (-5, Urgency.EXPIRED),
    ],
)
def test_urgency_turns_amber_then_red_then_expired(minutes_left: int, urgency: Urgency) -> None:
    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    assert countdown(now + timedelta(minutes=minutes_left), now, WARN).urgency is urgency


def test_remaining_text() -> None:
    assert remaining_text(timedelta(hours=3, minutes=5)) == "3 h 05 min"
    assert remaining_text(timedelta(minutes=-12)) == "over by 0 h 12 min"


def test_label_allowed_until_an_hours_infusion_would_end_past_8_h(rules: ClinicalRules) -> None:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    # diluted 11:30 at room temperature: its own 4 h would run to 15:30, so the 8 h decide.
    diluted = Dilution(start + timedelta(hours=3, minutes=30), DilutedStorage.ROOM_TEMPERATURE)
    # complete-by 16:00; a 60-minute infusion started at 15:00 ends exactly at 16:00: allowed.
    assert bench_clock(rules, start, diluted, start + timedelta(hours=7), WARN).can_label
    late = bench_clock(rules, start, diluted, start + timedelta(hours=7, minutes=1), WARN)
    assert not late.can_label
    assert [f.code for f in late.blocking] == ["INFUSION_TIME_EXCEEDED"]


def test_not_diluted_within_4_h_blocks_the_label(rules: ClinicalRules) -> None:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    on_time = bench_clock(rules, start, None, start + timedelta(hours=4), WARN)
    assert on_time.can_label
    late = bench_clock(rules, start, None, start + timedelta(hours=4, minutes=1), WARN)
    assert [f.code for f in late.blocking] == ["DILUTION_TIME_EXCEEDED"]
    assert late.dilute_by is not None
    assert late.dilute_by.urgency is Urgency.EXPIRED


def test_naive_times_are_refused(rules: ClinicalRules) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        bench_clock(rules, datetime(2026, 3, 2, 8, 0), None, datetime(2026, 3, 2, 9, 0), WARN)
