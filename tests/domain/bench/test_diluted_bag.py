"""The diluted bag's own limit (issue #13 defect 12): start infusion by, from its storage.

Pack values used by hand below (PI 2.4, Table 6): reconstitution → dilution ≤ 4 h,
reconstitution → end of infusion ≤ 8 h, infusion 60 min; diluted bag at room temperature
(20–25 °C) ≤ 4 h, refrigerated (2–8 °C) ≤ 3 h, warm-up ~1 h.

start by    = min(dilution + storage limit, reconstitution + 8 h − 1 h)
complete by = reconstitution + 8 h
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.bench.bench_clock import UrgencyThresholds, bench_clock
from ino_desk.domain.bench.preparation import (
    DilutedStorage,
    Dilution,
    deadline_findings,
    deadlines,
    storage_limit,
)
from ino_desk.domain.bench.waste import WasteKind, WasteRecord
from ino_desk.domain.findings import Severity
from ino_desk.domain.printed.order_text import diluted_storage_text

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

ROOM, FRIDGE = DilutedStorage.ROOM_TEMPERATURE, DilutedStorage.REFRIGERATED
NY = ZoneInfo("America/New_York")
R0800 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
WARN = UrgencyThresholds(amber_within=timedelta(minutes=60), red_within=timedelta(minutes=15))


def at(hh: int, mm: int) -> datetime:
    return datetime(2026, 3, 2, hh, mm, tzinfo=UTC)


@pytest.mark.parametrize(
    ("diluted", "storage", "start_by"),
    [
        # 08:05 + 4 h = 12:05 vs 08:00 + 8 h − 1 h = 15:00 → 12:05
        (at(8, 5), ROOM, at(12, 5)),
        # 08:05 + 3 h = 11:05 vs 15:00 → 11:05
        (at(8, 5), FRIDGE, at(11, 5)),
        # 11:30 + 4 h = 15:30 vs 15:00 → 15:00 (the infusion must END by 16:00)
        (at(11, 30), ROOM, at(15, 0)),
        # 11:30 + 3 h = 14:30 vs 15:00 → 14:30
        (at(11, 30), FRIDGE, at(14, 30)),
        # not recorded counts as the shorter (refrigerated) limit: 08:05 + 3 h = 11:05
        (at(8, 5), None, at(11, 5)),
    ],
)
def test_start_by_is_the_earlier_of_storage_and_end_of_infusion(
    rules: ClinicalRules, diluted: datetime, storage: DilutedStorage | None, start_by: datetime
) -> None:
    limits = deadlines(rules, R0800, Dilution(diluted, storage))
    assert limits.start_by == start_by
    assert limits.latest_start == at(15, 0)  # 08:00 + 8 h − 60 min
    assert limits.complete_by == at(16, 0)  # 08:00 + 8 h
    assert limits.dilute_by == at(12, 0)  # 08:00 + 4 h


def test_not_diluted_has_no_start_by(rules: ClinicalRules) -> None:
    limits = deadlines(rules, R0800)
    assert limits.start_by is None
    assert limits.latest_start == at(15, 0)
    assert bench_clock(rules, R0800, None, at(9, 0), WARN).start_by is None


def test_a_naive_dilution_time_is_refused(rules: ClinicalRules) -> None:
    with pytest.raises(ValueError, match="dilution time must carry its timezone"):
        deadlines(rules, R0800, Dilution(datetime(2026, 3, 2, 8, 5), ROOM))


def test_the_original_defect_diluted_0805_refused_at_1455(rules: ClinicalRules) -> None:
    # Observed: diluted 08:05 (room temperature), infusion about to start near 15:00. The old
    # checks passed it (14:55 + 1 h = 15:55 ≤ 16:00); the bag's own 4 h ended at 12:05.
    limits = deadlines(rules, R0800, Dilution(at(8, 5), ROOM))
    findings = deadline_findings(rules, limits, now=at(14, 55))
    assert [(f.code, f.severity) for f in findings] == [
        ("DILUTED_STORAGE_EXCEEDED", Severity.BLOCKING)
    ]
    room = rules.diluted_room_temperature_max_h
    assert findings[0].source == room.citation
    assert findings[0].message.startswith(
        "Diluted bag kept at room temperature: more than 4 hours since dilution ("
    )
    assert room.citation in findings[0].message
    clock = bench_clock(rules, R0800, Dilution(at(8, 5), ROOM), at(14, 55), WARN)
    assert not clock.can_label


def test_storage_limit_boundary_room_and_refrigerated(rules: ClinicalRules) -> None:
    room = deadlines(rules, R0800, Dilution(at(8, 5), ROOM))
    assert deadline_findings(rules, room, now=at(12, 5)) == []  # exactly 4 h: still allowed
    assert [f.code for f in deadline_findings(rules, room, now=at(12, 6))] == [
        "DILUTED_STORAGE_EXCEEDED"
    ]
    cold = deadlines(rules, R0800, Dilution(at(8, 5), FRIDGE))
    assert deadline_findings(rules, cold, now=at(11, 5)) == []  # exactly 3 h
    late = deadline_findings(rules, cold, now=at(11, 6))
    assert [f.code for f in late] == ["DILUTED_STORAGE_EXCEEDED"]
    assert late[0].message.startswith("Diluted bag kept refrigerated: more than 3 hours")


def test_storage_not_recorded_says_it_is_counted_as_refrigerated(rules: ClinicalRules) -> None:
    limits = deadlines(rules, R0800, Dilution(at(8, 5), None))
    (finding,) = deadline_findings(rules, limits, now=at(11, 6))  # 3 h 1 min after dilution
    assert finding.message.startswith(
        "Diluted bag with its storage not recorded (counted as refrigerated, the shorter limit): "
        "more than 3 hours since dilution"
    )
    assert storage_limit(rules, None) == (FRIDGE, rules.diluted_refrigerated_max_h)


def test_at_room_temperature_the_end_of_infusion_limit_still_applies(
    rules: ClinicalRules,
) -> None:
    # diluted 11:30 at room temperature: start by 15:00; at 15:01 the infusion would end
    # 16:01, past 08:00 + 8 h, while the bag itself is only 3 h 31 min old.
    limits = deadlines(rules, R0800, Dilution(at(11, 30), ROOM))
    assert deadline_findings(rules, limits, now=at(15, 0)) == []
    assert [f.code for f in deadline_findings(rules, limits, now=at(15, 1))] == [
        "INFUSION_TIME_EXCEEDED"
    ]


def test_bench_clock_counts_down_to_start_by(rules: ClinicalRules) -> None:
    # diluted 08:05 refrigerated: start by 11:05; at 10:20, 45 min remain: amber (screen choice)
    clock = bench_clock(rules, R0800, Dilution(at(8, 5), FRIDGE), at(10, 20), WARN)
    assert clock.start_by is not None
    assert clock.start_by.deadline == at(11, 5)
    assert clock.start_by.remaining == timedelta(minutes=45)
    assert clock.start_by.urgency.value == "amber"
    assert clock.dilute_by is None
    assert clock.can_label


def test_start_by_across_the_fall_back_change_adds_real_hours(rules: ClinicalRules) -> None:
    # 1 Nov 2026 02:00 EDT → 01:00 EST. Reconstituted 00:00 EDT = 04:00 UTC, diluted 00:30
    # EDT = 04:30 UTC at room temperature: 04:30 + 4 h = 08:30 UTC = 03:30 EST; latest start
    # 04:00 + 7 h = 11:00 UTC. Start by 08:30 UTC, not the wall clock's 04:30.
    reconstituted = datetime(2026, 11, 1, 0, 0, tzinfo=NY)
    limits = deadlines(
        rules, reconstituted, Dilution(datetime(2026, 11, 1, 0, 30, tzinfo=NY), ROOM)
    )
    assert limits.start_by is not None
    assert limits.start_by.astimezone(UTC) == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    now = datetime(2026, 11, 1, 3, 31, tzinfo=NY)  # 08:31 UTC, one minute past
    assert [f.code for f in deadline_findings(rules, limits, now=now)] == [
        "DILUTED_STORAGE_EXCEEDED"
    ]


def test_storage_wording_comes_from_the_pack(rules: ClinicalRules) -> None:
    assert diluted_storage_text(rules, ROOM) == "room temperature 20–25 °C, use within 4 h"
    assert diluted_storage_text(rules, FRIDGE) == (
        "refrigerated 2–8 °C, use within 3 h; allow ~1 h to warm"
    )
    assert diluted_storage_text(rules, None) == (
        "NOT RECORDED: use within 3 h of dilution, the shorter limit"
    )


# Any reconstitution in 2026 (to the minute); dilution 0 to 4 h later (the allowed window);
# any storage, recorded or not.
reconstitutions = st.integers(min_value=0, max_value=365 * 24 * 60).map(
    lambda m: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=m)
)
dilution_delays = st.integers(min_value=0, max_value=4 * 60).map(lambda m: timedelta(minutes=m))
storages = st.sampled_from([ROOM, FRIDGE, None])


@given(reconstitutions, dilution_delays, storages, st.sampled_from([UTC, NY]))
def test_start_by_never_lets_the_bag_outlive_either_limit(
    rules: ClinicalRules,
    reconstituted: datetime,
    delay: timedelta,
    storage: DilutedStorage | None,
    zone: ZoneInfo,
) -> None:
    diluted = (reconstituted + delay).astimezone(zone)  # added in UTC: real elapsed time
    reconstituted = reconstituted.astimezone(zone)
    limits = deadlines(rules, reconstituted, Dilution(diluted, storage))
    assert limits.start_by is not None
    infusion = timedelta(minutes=rules.infusion_minutes.value)
    _, kept = storage_limit(rules, storage)
    start_by = limits.start_by.astimezone(UTC)
    assert start_by <= limits.complete_by.astimezone(UTC) - infusion
    assert start_by <= diluted.astimezone(UTC) + timedelta(hours=kept.value)
    # and it is one of the two, not earlier than needed
    assert start_by in {
        limits.complete_by.astimezone(UTC) - infusion,
        diluted.astimezone(UTC) + timedelta(hours=kept.value),
    }
    # up to start-by nothing of the bag's own limits refuses; one minute later something does
    assert deadline_findings(rules, limits, now=start_by) == []
    late = deadline_findings(rules, limits, now=start_by + timedelta(minutes=1))
    assert {f.code for f in late} <= {"DILUTED_STORAGE_EXCEEDED", "INFUSION_TIME_EXCEEDED"}
    assert late


def test_every_limit_passed_at_once_still_fits_a_waste_reason(rules: ClinicalRules) -> None:
    # diluted 12:30 (4 h 30 min after 08:00), storage not recorded (3 h → 15:30); at 16:30 all
    # three limits have passed, and the waste record keeps all three messages as its reason.
    limits = deadlines(rules, R0800, Dilution(at(12, 30), None))
    findings = deadline_findings(rules, limits, now=at(16, 30))
    assert [f.code for f in findings] == [
        "DILUTION_TIME_EXCEEDED",
        "DILUTED_STORAGE_EXCEEDED",
        "INFUSION_TIME_EXCEEDED",
    ]
    reason = " ".join(f.message for f in findings)
    record = WasteRecord(1, WasteKind.WHOLE_DOSE, 2, Decimal("1.8"), reason, "tech.t", at(16, 30))
    assert record.reason == reason
