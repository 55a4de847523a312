"""Pre-dose gates against hand-read thresholds of CLINICAL-RULES.md 2.2, 2.3, 5 and 8."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from ino_desk.domain.cycles.checks import DoseContext, pre_dose_findings
from ino_desk.domain.findings import Severity
from ino_desk.domain.patients.lab_panel import LabPanel
from ino_desk.domain.rules import ClinicalRules

TODAY = date(2026, 12, 1)


def panel(**values: object) -> LabPanel:
    """Normal labs (ANC 2, platelets 150, bilirubin 0.8/1.2, AST 30/40, ALT 30/40, blasts 0)."""
    normal: dict[str, object] = {
        "drawn_on": TODAY,
        "anc": D("2"),
        "platelets": D("150"),
        "platelets_transfused_since": False,
        "total_bilirubin": D("0.8"),
        "total_bilirubin_uln": D("1.2"),
        "ast": D("30"),
        "ast_uln": D("40"),
        "alt": D("30"),
        "alt_uln": D("40"),
        "peripheral_blasts_per_mm3": D("0"),
    }
    normal.update(values)
    return LabPanel(**normal)  # type: ignore[arg-type]


def codes(rules: ClinicalRules, ctx: DoseContext) -> dict[str, Severity]:
    return {f.code: f.severity for f in pre_dose_findings(rules, ctx)}


def test_normal_labs_give_no_findings(rules: ClinicalRules) -> None:
    ctx = DoseContext(cycle=2, day=1, dose_date=TODAY, current=panel(), baseline=panel())
    assert codes(rules, ctx) == {}


@pytest.mark.parametrize(
    ("anc", "platelets", "blocked"),
    [
        ("1", "50", False),  # exactly at both thresholds: ANC >= 1 and platelets >= 50 pass
        ("0.99", "150", True),  # ANC below 1 x 10^9/L
        ("2", "49", True),  # platelets below 50 x 10^9/L
    ],
)
def test_normal_baseline_holds_next_cycle_below_thresholds(
    rules: ClinicalRules, anc: str, platelets: str, blocked: bool
) -> None:
    ctx = DoseContext(
        cycle=3,
        day=1,
        dose_date=TODAY,
        current=panel(anc=D(anc), platelets=D(platelets)),
        baseline=panel(),
    )
    assert ("HOLD_CYCLE_COUNTS" in codes(rules, ctx)) is blocked


def test_low_counts_do_not_stop_day_8(rules: ClinicalRules) -> None:
    ctx = DoseContext(
        cycle=2, day=8, dose_date=TODAY, current=panel(anc=D("0.3"), platelets=D("20"))
    )
    found = codes(rules, ctx)
    assert found.get("COUNTS_LOW_WITHIN_CYCLE") is Severity.INFO
    assert not any(s is Severity.BLOCKING for s in found.values())


@pytest.mark.parametrize(
    ("anc", "platelets", "blocked"),
    [
        ("0.5", "30", False),  # back to the baseline (0.5, 30): condition (a)
        ("0.4", "30", True),  # ANC fell below baseline 0.5 and below 1: hold
        ("1.2", "55", False),  # ANC >= 1 and platelets >= 50: condition (b)
        ("1.2", "25", True),  # platelets fell below baseline 30 and below 50: hold
    ],
)
def test_low_baseline_rules(rules: ClinicalRules, anc: str, platelets: str, blocked: bool) -> None:
    ctx = DoseContext(
        cycle=2,
        day=1,
        dose_date=TODAY,
        current=panel(anc=D(anc), platelets=D(platelets)),
        baseline=panel(anc=D("0.5"), platelets=D("30")),
    )
    assert ("HOLD_CYCLE_COUNTS_LOW_BASELINE" in codes(rules, ctx)) is blocked


def test_later_cycle_without_baseline_is_blocked(rules: ClinicalRules) -> None:
    ctx = DoseContext(cycle=2, day=1, dose_date=TODAY, current=panel(), baseline=None)
    assert codes(rules, ctx)["BASELINE_COUNTS_MISSING"] is Severity.BLOCKING


def test_transfused_platelets_are_flagged(rules: ClinicalRules) -> None:
    ctx = DoseContext(
        cycle=2, day=8, dose_date=TODAY, current=panel(platelets_transfused_since=True)
    )
    assert codes(rules, ctx)["PLATELETS_TRANSFUSED"] is Severity.WARNING


@pytest.mark.parametrize(
    ("bilirubin", "ast", "expected"),
    [
        # ULN 1.2: 1.5 x ULN = 1.8; AST ULN 40: 2.5 x ULN = 100
        ("1.8", "100", None),  # exactly at both limits: no hold
        ("1.81", "101", "HOLD_DOSE_LIVER"),  # both above: hold
        ("1.81", "30", "LIVER_TESTS_ELEVATED"),  # bilirubin alone above: caution
        ("0.8", "101", "LIVER_TESTS_ELEVATED"),  # AST alone above: caution
    ],
)
def test_liver_limits(rules: ClinicalRules, bilirubin: str, ast: str, expected: str | None) -> None:
    ctx = DoseContext(
        cycle=1,
        day=8,
        dose_date=TODAY,
        current=panel(total_bilirubin=D(bilirubin), ast=D(ast)),
    )
    found = {c for c in codes(rules, ctx) if c.startswith(("HOLD_DOSE_LIVER", "LIVER_TESTS"))}
    assert found == (set() if expected is None else {expected})


@pytest.mark.parametrize(
    ("blasts", "blocked"),
    [("10000", False), ("10001", True)],  # cytoreduce to <= 10,000/mm3 before C1D1
)
def test_cytoreduction_before_first_dose(rules: ClinicalRules, blasts: str, blocked: bool) -> None:
    ctx = DoseContext(
        cycle=1, day=1, dose_date=TODAY, current=panel(peripheral_blasts_per_mm3=D(blasts))
    )
    assert ("CYTOREDUCTION_NEEDED" in codes(rules, ctx)) is blocked


def test_cytoreduction_is_only_checked_on_cycle_1_day_1(rules: ClinicalRules) -> None:
    ctx = DoseContext(
        cycle=1, day=8, dose_date=TODAY, current=panel(peripheral_blasts_per_mm3=D("50000"))
    )
    assert "CYTOREDUCTION_NEEDED" not in codes(rules, ctx)


def test_cbc_must_postdate_previous_dose(rules: ClinicalRules) -> None:
    ctx = DoseContext(
        cycle=1,
        day=8,
        dose_date=TODAY,
        current=panel(drawn_on=date(2026, 11, 24)),
        previous_dose_date=date(2026, 11, 24),
    )
    assert codes(rules, ctx)["CBC_OUTDATED"] is Severity.WARNING


@pytest.mark.parametrize("drawn_on", [None, date(2026, 11, 24)])
def test_day1_of_a_later_cycle_without_a_cbc_after_the_last_dose_blocks(
    rules: ClinicalRules, drawn_on: date | None
) -> None:
    # PI Table 2 decides the next cycle from counts: without them it cannot be decided (defect 9).
    ctx = DoseContext(
        cycle=2,
        day=1,
        dose_date=TODAY,
        current=None if drawn_on is None else panel(drawn_on=drawn_on),
        baseline=panel(drawn_on=date(2026, 10, 1)),
        previous_dose_date=date(2026, 11, 24),
    )
    found = codes(rules, ctx)
    code = "CBC_MISSING" if drawn_on is None else "CBC_OUTDATED"
    assert found[code] is Severity.BLOCKING


def test_missing_labs_are_said_not_passed(rules: ClinicalRules) -> None:
    found = codes(rules, DoseContext(cycle=1, day=1, dose_date=TODAY, current=None))
    assert {"CBC_MISSING", "LIVER_TESTS_MISSING", "BLASTS_MISSING"} <= set(found)


def test_vod_stops_permanently(rules: ClinicalRules) -> None:
    ctx = DoseContext(cycle=2, day=8, dose_date=TODAY, current=panel(), vod_diagnosed=True)
    # PI 2.3 "stop permanently": a stop, which no typed reason overrides (issue 13, defect 4).
    assert codes(rules, ctx)["VOD_STOP"] is Severity.STOP


@pytest.mark.parametrize(("days", "blocked"), [(28, False), (29, True)])
def test_counts_low_more_than_28_days(rules: ClinicalRules, days: int, blocked: bool) -> None:
    since = date.fromordinal(TODAY.toordinal() - days)
    ctx = DoseContext(cycle=2, day=8, dose_date=TODAY, current=panel(), low_counts_since=since)
    assert ("LOW_COUNTS_PERSISTENT" in codes(rules, ctx)) is blocked


@pytest.mark.parametrize(
    ("crcl", "dialysis", "warned"), [(15, False, False), (14, False, True), (60, True, True)]
)
def test_renal_no_data_below_15(
    rules: ClinicalRules, crcl: int, dialysis: bool, warned: bool
) -> None:
    ctx = DoseContext(
        cycle=1, day=8, dose_date=TODAY, current=panel(), crcl_ml_per_min=crcl, on_dialysis=dialysis
    )
    assert ("RENAL_NO_DATA" in codes(rules, ctx)) is warned
