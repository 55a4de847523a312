"""Which checklist items apply to a dose, and premedication timing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ino_desk.domain.cycles.checklist import (
    items_for_dose,
    missing_items,
    premedication_timing_findings,
)
from ino_desk.domain.rules import ClinicalRules

FIRST_DOSE_ONLY = {"cytoreduction", "pregnancy_test", "ecg_electrolytes"}
# Stored ticks refer to these keys: they never change.
EVERY_DOSE = {
    "premed_corticosteroid",
    "premed_antipyretic",
    "premed_antihistamine",
    "cbc_reviewed",
    "liver_tests_reviewed",
    "light_protection",
    "container_filter",
    "dedicated_line",
    "observation_planned",
}
LATER_CYCLE_START = {"ecg_electrolytes_periodic"}


def test_first_dose_has_every_item(rules: ClinicalRules) -> None:
    keys = {i.key for i in items_for_dose(rules, cycle=1, day=1)}
    assert keys >= FIRST_DOSE_ONLY
    assert {"premed_corticosteroid", "premed_antipyretic", "premed_antihistamine"} <= keys
    assert {"light_protection", "container_filter", "dedicated_line"} <= keys
    assert "observation_planned" in keys


def test_later_doses_skip_course_start_items(rules: ClinicalRules) -> None:
    for cycle, day in ((1, 8), (2, 1), (3, 15)):
        keys = {i.key for i in items_for_dose(rules, cycle=cycle, day=day)}
        assert not keys & FIRST_DOSE_ONLY
        assert "premed_antihistamine" in keys


def test_observation_item_states_the_label_hour(rules: ClinicalRules) -> None:
    (item,) = [i for i in items_for_dose(rules, 2, 8) if i.key == "observation_planned"]
    assert "at least 60 minutes after" in item.title  # PI 2.2: >= 1 hour after the infusion


def test_missing_items_lists_what_is_not_ticked(rules: ClinicalRules) -> None:
    items = items_for_dose(rules, 2, 8)
    ticked = [i.key for i in items if i.key != "dedicated_line"]
    assert [i.key for i in missing_items(items, ticked)] == ["dedicated_line"]


def test_premedication_timing() -> None:
    start = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    early = premedication_timing_findings(start - timedelta(minutes=60), start, 60, "Antipyretic")
    late = premedication_timing_findings(start - timedelta(minutes=59), start, 60, "Antipyretic")
    after = premedication_timing_findings(start, start, 60, "Antipyretic")
    assert early == []
    assert [f.code for f in late] == ["PREMEDICATION_LEAD_TIME"]
    assert "site policy" in late[0].message
    assert [f.code for f in after] == ["PREMEDICATION_AFTER_START"]


def test_item_counts_by_dose(rules: ClinicalRules) -> None:
    # By hand: 9 items every dose; + 3 at the course's first dose; + 1 on Day 1 of later cycles.
    assert {i.key for i in items_for_dose(rules, 1, 1)} == EVERY_DOSE | FIRST_DOSE_ONLY
    assert len(items_for_dose(rules, 1, 1)) == 12
    for cycle in (2, 3, 6):
        assert {i.key for i in items_for_dose(rules, cycle, 1)} == EVERY_DOSE | LATER_CYCLE_START
        assert len(items_for_dose(rules, cycle, 1)) == 10
    for cycle, day in ((1, 8), (1, 15), (2, 8), (4, 15)):
        assert {i.key for i in items_for_dose(rules, cycle, day)} == EVERY_DOSE
        assert len(items_for_dose(rules, cycle, day)) == 9


def test_liver_tests_are_asked_before_every_dose(rules: ClinicalRules) -> None:
    # PI 2.3 / 5: hepatotoxicity; the bilirubin and AST/ALT hold rule applies to each dose.
    for cycle in range(1, 7):
        for day in (1, 8, 15):
            (item,) = [
                i for i in items_for_dose(rules, cycle, day) if i.key == "liver_tests_reviewed"
            ]
            assert item.title == "Bilirubin, AST and ALT reviewed for this dose"
            assert item.source == "PI 2.3, 5"


def test_ecg_and_electrolytes_at_baseline_and_periodically(rules: ClinicalRules) -> None:
    """PI 5 says "baseline and periodically" and gives no interval: Day 1 of every cycle asks."""
    ecg = {"ecg_electrolytes", "ecg_electrolytes_periodic"}
    for cycle in range(1, 7):
        on_day_1 = [i for i in items_for_dose(rules, cycle, 1) if i.key in ecg]
        assert len(on_day_1) == 1, cycle
        assert on_day_1[0].source == "PI 5"
        for day in (8, 15):
            assert not [i for i in items_for_dose(rules, cycle, day) if i.key in ecg]
    (baseline,) = [i for i in items_for_dose(rules, 1, 1) if i.key == "ecg_electrolytes"]
    assert baseline.title == "ECG and electrolytes at baseline"
    (periodic,) = [i for i in items_for_dose(rules, 2, 1) if i.key == "ecg_electrolytes_periodic"]
    assert periodic.title == "ECG and electrolytes (periodically): check considered"
    assert not any(ch.isdigit() for ch in periodic.title)  # no invented interval
