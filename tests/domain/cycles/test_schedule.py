"""Day 1/8/15 dates, their windows, and the 6-day spacing between doses (PI 2.1).

Whether a date is allowed is the authority's question (`course_rules.timeline.date_findings`,
what moving, giving or preparing a dose asks): each test puts the other doses of the cycle on
the dates it names and asks about one dose's new date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.course_rules.history import CourseHistory, CycleHistory
from ino_desk.domain.course_rules.timeline import date_findings
from ino_desk.domain.cycles.course import Course, Cycle, DoseDay
from ino_desk.domain.cycles.schedule import (
    cycle_windows,
    dose_window,
    nominal_date,
)
from ino_desk.domain.errors import ScheduleError
from ino_desk.domain.patients.bsa import BsaFormula

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

START = date(2026, 12, 1)


def _moving(
    rules: ClinicalRules, start: date, day: int, when: date, others: dict[int, date]
) -> str:
    """What the authority says of moving Day `day` of a cycle from `start` to `when`, the
    cycle's other doses standing on `others` (day: date): "" when allowed."""
    cycle = Cycle(
        course_id=1, number=1, start=start, length_days=21, extension_reason=None,
        regimen_row="induction", bsa_formula=BsaFormula.MOSTELLER, bsa_m2=Decimal("1.82"),
        dosing_bsa_m2=Decimal("1.82"), height_cm=Decimal(170), weight_kg=Decimal(70),
        planned_by="pharm.a", id=1,
    )  # fmt: skip
    one = Decimal(1)  # the amounts are not what this asks about
    amounts = (one, one, one, 1, one, one, one)
    doses = tuple(
        DoseDay(1, w.day, w.planned_date, w.window_start, w.window_end, *amounts, id=w.day)
        for w in cycle_windows(rules, start)
        if w.day == day or w.day in others
    )
    doses = tuple(replace(d, planned_date=others.get(d.day, d.planned_date)) for d in doses)
    course = Course(1, start, False, BsaFormula.MOSTELLER, id=1)
    history = CourseHistory(course, (CycleHistory(cycle, doses),))
    moved = next(d for d in doses if d.day == day)
    return " ".join(f.message for f in date_findings(rules, history, moved, when, "moved"))


def test_dose_dates_and_windows(rules: ClinicalRules) -> None:
    # Day N = start + (N - 1) days; Day 1 that day only; Day 8 and 15 ± 2 days
    windows = cycle_windows(rules, START)
    assert [(w.day, w.planned_date, w.window_start, w.window_end) for w in windows] == [
        (1, date(2026, 12, 1), date(2026, 12, 1), date(2026, 12, 1)),
        (8, date(2026, 12, 8), date(2026, 12, 6), date(2026, 12, 10)),
        (15, date(2026, 12, 15), date(2026, 12, 13), date(2026, 12, 17)),
    ]


def test_dates_cross_month_and_leap_day(rules: ClinicalRules) -> None:
    # start 2028-02-22: Day 8 = 02-29 (leap year), Day 15 = 03-07
    assert nominal_date(date(2028, 2, 22), 8) == date(2028, 2, 29)
    assert dose_window(rules, date(2028, 2, 22), 15).window_end == date(2028, 3, 9)


def test_day_1_window_is_that_day_only(rules: ClinicalRules) -> None:
    assert _moving(rules, START, 1, START, {}) == ""
    for moved in (date(2026, 11, 30), date(2026, 12, 2)):
        assert "outside its window (allowed: 2026-12-01;" in _moving(rules, START, 1, moved, {})


def test_day_8_may_move_two_days_but_not_three(rules: ClinicalRules) -> None:
    assert _moving(rules, START, 8, date(2026, 12, 10), {1: START}) == ""  # 9 days after Day 1
    refused = _moving(rules, START, 8, date(2026, 12, 11), {1: START})
    assert "Day 8 cannot be moved on 2026-12-11: outside its window" in refused
    assert "allowed: 2026-12-07 to 2026-12-10" in refused
    assert refused.endswith("(PI 2.1).")


def test_six_days_between_doses_is_enforced_inside_the_window(rules: ClinicalRules) -> None:
    # Day 8 moved to day 6 (2026-12-06) is in its window but only 5 days after Day 1
    refused = _moving(rules, START, 8, date(2026, 12, 6), {1: START})
    assert "allowed: 2026-12-07 to 2026-12-10" in refused
    assert _moving(rules, START, 8, date(2026, 12, 7), {1: START}) == ""  # 6 days: allowed


def test_day_8_late_and_day_15_early_collide(rules: ClinicalRules) -> None:
    # Day 8 moved to day 10 (12-10), Day 15 to day 13 (12-13): both in window, 3 days apart
    assert _moving(rules, START, 8, date(2026, 12, 10), {1: START}) == ""
    moved8 = {1: START, 8: date(2026, 12, 10)}
    refused = _moving(rules, START, 15, date(2026, 12, 13), moved8)
    assert "Day 15 cannot be moved on 2026-12-13" in refused
    assert "at least 6 days from any other dose" in refused
    # Day 15 on day 16 (12-16) keeps 6 days from day 10
    assert _moving(rules, START, 15, date(2026, 12, 16), moved8) == ""


def test_spacing_counts_later_doses_too(rules: ClinicalRules) -> None:
    # moving Day 8 late is checked against an already fixed Day 15 as well
    refused = _moving(rules, START, 8, date(2026, 12, 10), {1: START, 15: date(2026, 12, 15)})
    assert "allowed: 2026-12-07 to 2026-12-09" in refused


def test_a_start_with_no_room_in_the_calendar_is_an_input_error(rules: ClinicalRules) -> None:
    with pytest.raises(ScheduleError, match="no room for Day 8") as caught:
        cycle_windows(rules, date(9999, 12, 31))
    assert caught.value.field == "start date"


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(-3, 3),
    st.integers(-3, 3),
)
def test_window_and_spacing_property(
    rules: ClinicalRules, start: date, shift8: int, shift15: int
) -> None:
    # Day 8 on day 8 + shift8 and Day 15 on day 15 + shift15:
    #   allowed iff |shift| <= 2 for both, Day 8 - Day 1 = 7 + shift8 >= 6 (shift8 >= -1),
    #   and Day 15 - Day 8 = 7 + shift15 - shift8 >= 6 (shift15 - shift8 >= -1)
    day8 = nominal_date(start, 8) + timedelta(days=shift8)
    day15 = nominal_date(start, 15) + timedelta(days=shift15)
    expected = abs(shift8) <= 2 and abs(shift15) <= 2 and shift8 >= -1 and shift15 - shift8 >= -1
    accepted = not _moving(rules, start, 8, day8, {1: start}) and not _moving(
        rules, start, 15, day15, {1: start, 8: day8}
    )
    assert accepted is expected
