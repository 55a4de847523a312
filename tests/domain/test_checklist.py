"""Which checklist items apply to a dose, and premedication timing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ino_desk.domain.checklist import (
    items_for_dose,
    missing_items,
    premedication_timing_findings,
)
from ino_desk.domain.rules import ClinicalRules

FIRST_DOSE_ONLY = {"cytoreduction", "pregnancy_test", "ecg_electrolytes"}


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
