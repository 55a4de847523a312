"""PI 2.1 Table 1: which row and cycle length each cycle gets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.plan import CycleRequest, plan_cycle
from ino_desk.domain.cycles.regimen import ExtensionReason, Response, select_regimen
from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import Severity

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

D = Decimal
START = date(2026, 12, 1)


def _doses(rules: ClinicalRules, cycle: int, response: Response | None) -> list[tuple[int, D]]:
    return list(select_regimen(rules, cycle, response).row.doses_mg_per_m2)


def test_cycle_1_is_the_same_for_every_patient(rules: ClinicalRules) -> None:
    # PI Table 1: Day 1 0.8, Day 8 0.5, Day 15 0.5 mg/m²; 21 days; total 1.8 mg/m²
    for response in (None, Response.CR, Response.CRI, Response.NONE):
        choice = select_regimen(rules, 1, response)
        assert list(choice.row.doses_mg_per_m2) == [(1, D("0.8")), (8, D("0.5")), (15, D("0.5"))]
        assert choice.cycle_length_days == 21
        assert choice.row.total_mg_per_m2 == D("1.8")
        assert choice.extension_reason is None


@pytest.mark.parametrize("response", [Response.CR, Response.CRI])
def test_later_cycles_after_cr_or_cri(rules: ClinicalRules, response: Response) -> None:
    # 0.5 + 0.5 + 0.5 = 1.5 mg/m² every 28 days
    choice = select_regimen(rules, 2, response)
    assert list(choice.row.doses_mg_per_m2) == [(1, D("0.5")), (8, D("0.5")), (15, D("0.5"))]
    assert choice.cycle_length_days == 28
    assert choice.row.total_mg_per_m2 == D("1.5")


def test_later_cycles_without_cr_or_cri(rules: ClinicalRules) -> None:
    # 0.8 + 0.5 + 0.5 = 1.8 mg/m² every 28 days (the seed summary omitted this row)
    choice = select_regimen(rules, 3, Response.NONE)
    assert list(choice.row.doses_mg_per_m2) == [(1, D("0.8")), (8, D("0.5")), (15, D("0.5"))]
    assert choice.cycle_length_days == 28
    assert choice.row.total_mg_per_m2 == D("1.8")


def test_cycle_1_may_run_28_days(rules: ClinicalRules) -> None:
    choice = select_regimen(rules, 1, None, 28, ExtensionReason.TOXICITY_RECOVERY)
    assert choice.cycle_length_days == 28
    assert choice.extension_reason is ExtensionReason.TOXICITY_RECOVERY
    # a reason given for a 21-day cycle is meaningless and is not kept
    assert select_regimen(rules, 1, None, 21, ExtensionReason.CR_CRI).extension_reason is None


@pytest.mark.parametrize("length", [14, 20, 22, 27, 35])
def test_cycle_1_refuses_other_lengths(rules: ClinicalRules, length: int) -> None:
    with pytest.raises(InputError, match=r"cycle 1 lasts 21 or 28 days") as caught:
        select_regimen(rules, 1, None, length)
    assert caught.value.field == "cycle length"


def test_later_cycles_refuse_21_days(rules: ClinicalRules) -> None:
    with pytest.raises(InputError, match="cycles after the first last 28 days") as caught:
        select_regimen(rules, 2, Response.CR, 21)
    assert caught.value.field == "cycle length"
    assert select_regimen(rules, 2, Response.CR, 28).cycle_length_days == 28


def test_later_cycles_need_the_previous_response(rules: ClinicalRules) -> None:
    with pytest.raises(InputError, match="cycle 2 needs the response of cycle 1") as caught:
        select_regimen(rules, 2, None)
    assert caught.value.field == "response"


@pytest.mark.parametrize("cycle", [0, -1])
def test_cycle_number_starts_at_one(rules: ClinicalRules, cycle: int) -> None:
    with pytest.raises(InputError, match="1 or more"):
        select_regimen(rules, cycle, None)


def test_28_day_cycle_1_without_reason_warns(rules: ClinicalRules) -> None:
    plan = plan_cycle(rules, CycleRequest(D("1.88"), 1, START, cycle_length_days=28))
    codes = {f.code: f for f in plan.findings}
    finding = codes["CYCLE1_EXTENSION_REASON_MISSING"]
    assert finding.severity is Severity.WARNING
    assert "28 days without a recorded reason" in finding.message
    assert "CYCLE1_EXTENDED" not in codes


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (ExtensionReason.CR_CRI, "CR/CRi achieved"),
        (ExtensionReason.TOXICITY_RECOVERY, "recovery from toxicity"),
    ],
)
def test_28_day_cycle_1_with_reason_is_information(
    rules: ClinicalRules, reason: ExtensionReason, words: str
) -> None:
    request = CycleRequest(D("1.88"), 1, START, cycle_length_days=28, extension_reason=reason)
    plan = plan_cycle(rules, request)
    extended = [f for f in plan.findings if f.code.startswith("CYCLE1_EXT")]
    assert len(extended) == 1
    assert extended[0].code == "CYCLE1_EXTENDED"
    assert extended[0].severity is Severity.INFO
    assert words in extended[0].message
    assert plan.regimen.cycle_length_days == 28


def test_21_day_cycle_1_has_no_extension_finding(rules: ClinicalRules) -> None:
    plan = plan_cycle(rules, CycleRequest(D("1.88"), 1, START))
    assert not [f for f in plan.findings if f.code.startswith("CYCLE1_EXT")]


def test_plan_takes_the_row_from_the_last_outcome(rules: ClinicalRules) -> None:
    # BSA 1.88: after CR, Day 1 = 1.88 × 0.5 = 0.94 mg; after no response 1.88 × 0.8 = 1.504 -> 1.5
    after_cr = CycleRequest(D("1.88"), 2, START, outcomes=(CycleOutcome(Response.CR),))
    after_none = CycleRequest(D("1.88"), 2, START, outcomes=(CycleOutcome(Response.NONE),))
    assert plan_cycle(rules, after_cr).doses[0].dose_mg == D("0.94")
    assert plan_cycle(rules, after_none).doses[0].dose_mg == D("1.50")
