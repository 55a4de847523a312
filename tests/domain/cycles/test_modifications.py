"""Dose modifications (CLINICAL-RULES.md 2.3), values worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ino_desk.domain.cycles.modifications import (
    ReductionLevel,
    interruption_findings,
    reduce_regimen,
)
from ino_desk.domain.errors import InputError
from ino_desk.domain.rules import ClinicalRules


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (6, {"INTERRUPTION_DELAY"}),  # < 7 days: delay
        (7, {"INTERRUPTION_OMIT"}),  # >= 7: omit next dose
        (14, {"INTERRUPTION_OMIT", "INTERRUPTION_REDUCE"}),  # >= 14: reduce next cycle
        (28, {"INTERRUPTION_OMIT", "INTERRUPTION_REDUCE"}),
        (29, {"INTERRUPTION_OMIT", "INTERRUPTION_REDUCE", "INTERRUPTION_CONSIDER_STOP"}),
    ],
)
def test_interruption_length(rules: ClinicalRules, days: int, expected: set[str]) -> None:
    assert {f.code for f in interruption_findings(rules, days)} == expected


def test_unconfirmed_interruption_rules_carry_the_verify_mark(rules: ClinicalRules) -> None:
    messages = " ".join(f.message for f in interruption_findings(rules, 29))
    assert "verify against the current PI" in messages


def test_reduced_total_is_each_day_times_0_75(rules: ClinicalRules) -> None:
    # Cycle 1 row 0.8/0.5/0.5 reduced by 25 %: 0.6/0.375/0.375, total 1.35 = 0.75 x 1.8
    reduced = reduce_regimen(rules, rules.regimen_cycle1, ReductionLevel.REDUCED_TOTAL)
    assert reduced.doses_mg_per_m2 == ((1, D("0.6")), (8, D("0.375")), (15, D("0.375")))
    assert sum(d for _, d in reduced.doses_mg_per_m2) == D("1.35")


def test_two_doses_keep_the_chosen_days(rules: ClinicalRules) -> None:
    reduced = reduce_regimen(
        rules, rules.regimen_later_cr_cri, ReductionLevel.TWO_DOSES, chosen_days=[15, 1]
    )
    # CR/CRi row 0.5 each, x 0.75 = 0.375 on the two chosen days
    assert reduced.doses_mg_per_m2 == ((1, D("0.375")), (15, D("0.375")))
    assert reduced.chosen_days == (1, 15)


@pytest.mark.parametrize("days", [[], [1], [1, 8, 15], [1, 9]])
def test_two_doses_need_exactly_two_valid_days(rules: ClinicalRules, days: list[int]) -> None:
    with pytest.raises(InputError, match="choose exactly 2 of the days 1, 8, 15"):
        reduce_regimen(rules, rules.regimen_cycle1, ReductionLevel.TWO_DOSES, chosen_days=days)


def test_stop_level_cannot_be_planned(rules: ClinicalRules) -> None:
    with pytest.raises(InputError, match="stop permanently"):
        reduce_regimen(rules, rules.regimen_cycle1, ReductionLevel.STOP)


def test_plan_applies_the_reduction_to_doses(rules: ClinicalRules) -> None:
    from datetime import date

    from ino_desk.domain.cycles.cycle_limits import CycleOutcome
    from ino_desk.domain.cycles.plan import CycleRequest, plan_cycle
    from ino_desk.domain.cycles.regimen import Response

    # BSA 2.00, later CR/CRi row 0.5 mg/m2 x 0.75 = 0.375 mg/m2 -> 0.75 mg on the chosen days
    plan = plan_cycle(
        rules,
        CycleRequest(
            bsa_m2=D("2.00"),
            cycle=3,
            start=date(2026, 12, 1),
            outcomes=(CycleOutcome(Response.CR), CycleOutcome(Response.CR)),
            hsct_planned=False,
            reduction=ReductionLevel.TWO_DOSES,
            reduced_days=(1, 8),
        ),
    )
    assert [(d.day, d.dose_mg) for d in plan.doses] == [(1, D("0.75")), (8, D("0.75"))]
    assert "DOSE_REDUCED" in {f.code for f in plan.findings}
