"""Day 1/8/15 dates, their windows, and the 6-day spacing between doses (PI 2.1)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.cycles.schedule import (
    check_dose_date,
    cycle_windows,
    dose_window,
    nominal_date,
)
from ino_desk.domain.errors import ScheduleError

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

START = date(2026, 12, 1)


def test_dose_dates_and_windows(rules: ClinicalRules) -> None:
    # Day N = start + (N - 1) days; Day 1 that day only; Day 8 and 15 ± 2 days
    windows = cycle_windows(rules, START)
    assert [(w.day, w.planned, w.earliest, w.latest) for w in windows] == [
        (1, date(2026, 12, 1), date(2026, 12, 1), date(2026, 12, 1)),
        (8, date(2026, 12, 8), date(2026, 12, 6), date(2026, 12, 10)),
        (15, date(2026, 12, 15), date(2026, 12, 13), date(2026, 12, 17)),
    ]


def test_dates_cross_month_and_leap_day(rules: ClinicalRules) -> None:
    # start 2028-02-22: Day 8 = 02-29 (leap year), Day 15 = 03-07
    assert nominal_date(date(2028, 2, 22), 8) == date(2028, 2, 29)
    assert dose_window(rules, date(2028, 2, 22), 15).latest == date(2028, 3, 9)


def test_day_1_window_is_that_day_only(rules: ClinicalRules) -> None:
    day1 = dose_window(rules, START, 1)
    check_dose_date(rules, day1, START, [])
    for moved in (date(2026, 11, 30), date(2026, 12, 2)):
        with pytest.raises(ScheduleError, match="outside the window 2026-12-01 to 2026-12-01"):
            check_dose_date(rules, day1, moved, [])


def test_day_8_may_move_two_days_but_not_three(rules: ClinicalRules) -> None:
    day8 = dose_window(rules, START, 8)
    check_dose_date(rules, day8, date(2026, 12, 10), [START])  # 9 days after Day 1
    with pytest.raises(ScheduleError) as caught:
        check_dose_date(rules, day8, date(2026, 12, 11), [START])
    assert caught.value.field == "Day 8 date"
    assert "2026-12-11 is outside the window 2026-12-06 to 2026-12-10 (PI 2.1)" in str(caught.value)


def test_six_days_between_doses_is_enforced_inside_the_window(rules: ClinicalRules) -> None:
    day8 = dose_window(rules, START, 8)
    # Day 8 moved to day 6 (2026-12-06) is in its window but only 5 days after Day 1
    with pytest.raises(ScheduleError, match="is 5 days from the dose on 2026-12-01"):
        check_dose_date(rules, day8, date(2026, 12, 6), [START])
    check_dose_date(rules, day8, date(2026, 12, 7), [START])  # 6 days: allowed


def test_day_8_late_and_day_15_early_collide(rules: ClinicalRules) -> None:
    # Day 8 moved to day 10 (12-10), Day 15 to day 13 (12-13): both in window, 3 days apart
    day8, day15 = dose_window(rules, START, 8), dose_window(rules, START, 15)
    check_dose_date(rules, day8, date(2026, 12, 10), [START])
    with pytest.raises(ScheduleError) as caught:
        check_dose_date(rules, day15, date(2026, 12, 13), [START, date(2026, 12, 10)])
    assert caught.value.field == "Day 15 date"
    assert "is 3 days from the dose on 2026-12-10; keep at least 6 days between doses" in str(
        caught.value
    )
    # Day 15 on day 16 (12-16) keeps 6 days from day 10
    check_dose_date(rules, day15, date(2026, 12, 16), [START, date(2026, 12, 10)])


def test_spacing_counts_later_doses_too(rules: ClinicalRules) -> None:
    # moving Day 8 late is checked against an already fixed Day 15 as well
    day8 = dose_window(rules, START, 8)
    with pytest.raises(ScheduleError, match="is 5 days from the dose on 2026-12-15"):
        check_dose_date(rules, day8, date(2026, 12, 10), [START, date(2026, 12, 15)])


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
    try:
        check_dose_date(rules, dose_window(rules, start, 8), day8, [start])
        check_dose_date(rules, dose_window(rules, start, 15), day15, [start, day8])
    except ScheduleError:
        accepted = False
    else:
        accepted = True
    assert accepted is expected
