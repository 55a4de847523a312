"""Vials, volumes, concentration range and time limits, each worked by hand (PI 2.4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.bench.preparation import (
    DilutedStorage,
    Dilution,
    concentration_findings,
    deadline_findings,
    deadlines,
    prepare,
)
from ino_desk.domain.cycles.plan import CycleRequest, plan_cycle
from ino_desk.domain.findings import Severity

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

D = Decimal


def test_cycle_1_at_1_88_m2(rules: ClinicalRules) -> None:
    plan = plan_cycle(rules, CycleRequest(D("1.88"), 1, date(2026, 12, 1)))
    # Day 1: 1.88 × 0.8 = 1.504 -> 1.50 mg; 1.50 / 0.25 = 6.00 mL; ⌈1.50 / 0.9⌉ = ⌈1.67⌉ = 2 vials;
    #        discarded 2 × 0.9 - 1.50 = 0.30 mg; NaCl 50 - 6.00 = 44.00 mL; 1.50 / 50 = 0.03 mg/mL
    # Day 8 and 15: 1.88 × 0.5 = 0.94 mg; 0.94 / 0.25 = 3.76 mL; ⌈1.04⌉ = 2 vials;
    #        discarded 1.8 - 0.94 = 0.86 mg; NaCl 46.24 mL; 0.94 / 50 = 0.0188 mg/mL
    expected = [
        (1, D("1.50"), 2, D("0.30"), D("6.00"), D("44.00"), D("0.03")),
        (8, D("0.94"), 2, D("0.86"), D("3.76"), D("46.24"), D("0.0188")),
        (15, D("0.94"), 2, D("0.86"), D("3.76"), D("46.24"), D("0.0188")),
    ]
    got = [
        (
            d.day,
            d.dose_mg,
            d.preparation.vials,
            d.preparation.discarded_mg,
            d.preparation.drug_volume_ml,
            d.preparation.diluent_ml,
            d.preparation.concentration_mg_per_ml,
        )
        for d in plan.doses
    ]
    assert got == expected
    # cycle total 1.50 + 0.94 + 0.94 = 3.38 mg
    assert plan.total_mg == D("3.38")
    for d in plan.doses:
        assert d.preparation.total_volume_ml == D(50)
        assert d.preparation.infusion_minutes == 60
        assert d.preparation.rate_ml_per_h == D(50)
    assert not plan.blocked


def test_dose_is_rounded_half_up_to_the_hundredth(rules: ClinicalRules) -> None:
    # 1.85 × 0.5 = 0.925 -> 0.93 mg (half-even would give 0.92); 1.85 × 0.8 = 1.48 mg
    plan = plan_cycle(rules, CycleRequest(D("1.85"), 1, date(2026, 12, 1)))
    assert [d.dose_mg for d in plan.doses] == [D("1.48"), D("0.93"), D("0.93")]
    # 0.93 / 0.25 = 3.72 mL
    assert plan.doses[1].preparation.drug_volume_ml == D("3.72")


@pytest.mark.parametrize(
    ("dose", "vials", "discarded"),
    [
        ("0.9", 1, "0"),  # 0.9 / 0.9 = 1 exactly: one vial, nothing wasted
        ("0.91", 2, "0.89"),  # ⌈1.011⌉ = 2; 1.8 - 0.91 = 0.89
        ("1.8", 2, "0"),
        ("1.81", 3, "0.89"),  # ⌈2.011⌉ = 3; 2.7 - 1.81 = 0.89
        ("0.01", 1, "0.89"),
    ],
)
def test_vial_count_boundaries(rules: ClinicalRules, dose: str, vials: int, discarded: str) -> None:
    prep = prepare(rules, D(dose))
    assert prep.vials == vials
    assert prep.discarded_mg == D(discarded)


@pytest.mark.parametrize(
    ("dose", "drug_ml", "diluent_ml", "conc", "code"),
    [
        # 0.5 / 50 = 0.01 mg/mL: the lower edge itself is allowed; 0.5 / 0.25 = 2 mL
        ("0.5", "2.00", "48.00", "0.01", None),
        # 0.49 / 50 = 0.0098 < 0.01: blocked
        ("0.49", "1.96", "48.04", "0.0098", "CONCENTRATION_BELOW_RANGE"),
        # 5 / 50 = 0.1 mg/mL: the upper edge is allowed; 5 / 0.25 = 20 mL
        ("5", "20.00", "30.00", "0.1", None),
        # 5.01 / 50 = 0.1002 > 0.1: blocked; 5.01 / 0.25 = 20.04 mL
        ("5.01", "20.04", "29.96", "0.1002", "CONCENTRATION_ABOVE_RANGE"),
    ],
)
def test_concentration_range_edges(
    rules: ClinicalRules, dose: str, drug_ml: str, diluent_ml: str, conc: str, code: str | None
) -> None:
    prep = prepare(rules, D(dose))
    assert prep.drug_volume_ml == D(drug_ml)
    assert prep.diluent_ml == D(diluent_ml)
    assert prep.concentration_mg_per_ml == D(conc)
    findings = concentration_findings(rules, 8, prep)
    if code is None:
        assert findings == []
    else:
        # Below the range no bag can be made (a stop: no syringe method is entered); above
        # it, check the dose (blocking).
        severity = Severity.STOP if code == "CONCENTRATION_BELOW_RANGE" else Severity.BLOCKING
        assert [(f.code, f.severity) for f in findings] == [(code, severity)]
        assert f"{D(conc).normalize():f} mg/mL" in findings[0].message
        # the range is a [U] fact: the finding carries the visible verify mark
        assert "verify against the current PI" in findings[0].message


def test_small_child_plan_is_computed_but_blocked_with_the_reason(rules: ClinicalRules) -> None:
    # BSA 0.6 m²: Day 8 = 0.6 × 0.5 = 0.30 mg -> 0.30 / 50 = 0.006 mg/mL < 0.01
    plan = plan_cycle(rules, CycleRequest(D("0.60"), 1, date(2026, 12, 1)))
    assert plan.doses[1].dose_mg == D("0.30")
    assert plan.blocked
    below = [f for f in plan.findings if f.code == "CONCENTRATION_BELOW_RANGE"]
    # Day 1: 0.6 × 0.8 = 0.48 mg -> 0.0096 mg/mL, also below: all three days are blocked
    assert [f.message.split(":")[0] for f in below] == ["Day 1", "Day 8", "Day 15"]
    assert "syringe method" in below[0].message
    assert "UNVERIFIED_CONSTANT" in {f.code for f in plan.findings}


CET = timezone(timedelta(hours=1))
RECONSTITUTED = datetime(2026, 12, 1, 9, 0, tzinfo=CET)


def test_deadlines_count_from_reconstitution(rules: ClinicalRules) -> None:
    # dilute within 4 h (13:00), end of infusion within 8 h (17:00), in the given time zone
    limits = deadlines(rules, RECONSTITUTED)
    assert limits.dilute_by == datetime(2026, 12, 1, 13, 0, tzinfo=CET)
    assert limits.complete_by == datetime(2026, 12, 1, 17, 0, tzinfo=CET)
    assert limits.complete_by == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)


def test_naive_reconstitution_time_is_refused(rules: ClinicalRules) -> None:
    with pytest.raises(ValueError, match="timezone"):
        deadlines(rules, datetime(2026, 12, 1, 9, 0))  # naive on purpose


def test_within_limits_no_finding(rules: ClinicalRules) -> None:
    # diluted at exactly 4 h (13:00) at room temperature: start by min(13:00 + 4 h, 17:00 − 1 h)
    # = 16:00; infusion started 15:59 ends 16:59, before 17:00
    diluted = Dilution(datetime(2026, 12, 1, 13, 0, tzinfo=CET), DilutedStorage.ROOM_TEMPERATURE)
    limits = deadlines(rules, RECONSTITUTED, diluted)
    now = datetime(2026, 12, 1, 15, 59, tzinfo=CET)
    assert deadline_findings(rules, limits, now=now) == []
    # started 16:00 ends exactly at 17:00: still within 8 h
    now = datetime(2026, 12, 1, 16, 0, tzinfo=CET)
    assert deadline_findings(rules, limits, now=now) == []


def test_late_dilution_and_late_infusion_block(rules: ClinicalRules) -> None:
    # 4 h 1 min; refrigerated, so the bag's own 3 h run to 16:01, which is "now" (not past)
    diluted = Dilution(datetime(2026, 12, 1, 13, 1, tzinfo=CET), DilutedStorage.REFRIGERATED)
    limits = deadlines(rules, RECONSTITUTED, diluted)
    now = datetime(2026, 12, 1, 16, 1, tzinfo=CET)  # would end 17:01, 8 h 1 min
    findings = deadline_findings(rules, limits, now=now)
    assert [(f.code, f.severity) for f in findings] == [
        ("DILUTION_TIME_EXCEEDED", Severity.BLOCKING),
        ("INFUSION_TIME_EXCEEDED", Severity.BLOCKING),
    ]
    assert "More than 4 hours between reconstitution and dilution" in findings[0].message
    assert "more than 8 hours after reconstitution" in findings[1].message


def test_not_yet_diluted_counts_from_now(rules: ClinicalRules) -> None:
    limits = deadlines(rules, RECONSTITUTED)
    # still undiluted at 13:30 (now in UTC: 12:30): the 4 h are already gone
    now = datetime(2026, 12, 1, 12, 30, tzinfo=UTC)
    codes = [f.code for f in deadline_findings(rules, limits, now=now)]
    assert codes == ["DILUTION_TIME_EXCEEDED"]
