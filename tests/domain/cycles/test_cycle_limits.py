"""How many cycles (PI 2.1): HSCT 2 (a 3rd only without MRD-negative CR/CRi), else 6, and
stop without CR/CRi by cycle 3. Beyond a limit: a blocking finding, never silence."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.cycles.cycle_limits import CycleOutcome, cycle_limit_findings
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.findings import Severity

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

CR = CycleOutcome(Response.CR)
CRI = CycleOutcome(Response.CRI)
NO_RESPONSE = CycleOutcome(Response.NONE)
CR_MRD_NEGATIVE = CycleOutcome(Response.CR, mrd_negative=True)
CR_MRD_POSITIVE = CycleOutcome(Response.CR, mrd_negative=False)
CR_MRD_UNKNOWN = CycleOutcome(Response.CR, mrd_negative=None)


def _codes(
    rules: ClinicalRules, cycle: int, hsct: bool | None, *outcomes: CycleOutcome | None
) -> dict[str, Severity]:
    return {f.code: f.severity for f in cycle_limit_findings(rules, cycle, hsct, outcomes)}


@pytest.mark.parametrize("cycle", [1, 2])
def test_hsct_two_cycles_are_allowed(rules: ClinicalRules, cycle: int) -> None:
    outcomes = (CR_MRD_NEGATIVE,) * (cycle - 1)
    assert _codes(rules, cycle, True, *outcomes) == {}


def test_hsct_third_cycle_allowed_without_mrd_negative_remission(rules: ClinicalRules) -> None:
    assert _codes(rules, 3, True, CR, CR_MRD_POSITIVE) == {}
    assert _codes(rules, 3, True, NO_RESPONSE, CycleOutcome(Response.CRI, False)) == {}
    # no CR/CRi at all: MRD-negative remission was certainly not reached
    assert _codes(rules, 3, True, NO_RESPONSE, NO_RESPONSE) == {}


def test_hsct_third_cycle_blocked_after_mrd_negative_remission(rules: ClinicalRules) -> None:
    findings = cycle_limit_findings(rules, 3, True, (CR, CR_MRD_NEGATIVE))
    assert [(f.code, f.severity) for f in findings] == [("CYCLE_LIMIT_HSCT", Severity.BLOCKING)]
    assert "MRD negativity was reached" in findings[0].message
    assert findings[0].source == "PI 2.1"
    # reached in cycle 1 already counts too
    assert _codes(rules, 3, True, CR_MRD_NEGATIVE, CR_MRD_POSITIVE) == {
        "CYCLE_LIMIT_HSCT": Severity.BLOCKING
    }


@pytest.mark.parametrize("previous", [CR_MRD_UNKNOWN, CycleOutcome(None), None])
def test_hsct_third_cycle_with_unknown_mrd_blocks_asking_for_it(
    rules: ClinicalRules, previous: CycleOutcome | None
) -> None:
    findings = cycle_limit_findings(rules, 3, True, (None, previous))
    assert [(f.code, f.severity) for f in findings] == [
        ("CYCLE3_HSCT_MRD_UNKNOWN", Severity.BLOCKING)
    ]
    assert "record the response and MRD status of cycle 2" in findings[0].message


@pytest.mark.parametrize("outcome", [CR_MRD_POSITIVE, NO_RESPONSE])
def test_hsct_fourth_cycle_is_blocked(rules: ClinicalRules, outcome: CycleOutcome) -> None:
    codes = _codes(rules, 4, True, CR, outcome, outcome)
    assert codes["CYCLE_LIMIT_HSCT"] is Severity.BLOCKING


def test_no_hsct_six_cycles_allowed_seventh_blocked(rules: ClinicalRules) -> None:
    assert _codes(rules, 6, False, CR, CR, CR, CR, CR) == {}
    findings = cycle_limit_findings(rules, 7, False, (CR,) * 6)
    assert [(f.code, f.severity) for f in findings] == [("CYCLE_LIMIT_TOTAL", Severity.BLOCKING)]
    assert "Cycle 7 is beyond the 6 cycles allowed in total (PI 2.1)" in findings[0].message


def test_no_cr_by_cycle_3_blocks_cycle_4(rules: ClinicalRules) -> None:
    findings = cycle_limit_findings(rules, 4, False, (NO_RESPONSE,) * 3)
    assert [(f.code, f.severity) for f in findings] == [
        ("NO_RESPONSE_BY_CYCLE_3", Severity.BLOCKING)
    ]
    assert findings[0].message == (
        "No CR/CRi is documented within 3 cycles: the label says to stop treatment (PI 2.1)."
    )
    # a third cycle without response is still within the label's three cycles
    assert _codes(rules, 3, False, NO_RESPONSE, NO_RESPONSE) == {}


@pytest.mark.parametrize(
    "outcomes",
    [(CR, NO_RESPONSE, NO_RESPONSE), (NO_RESPONSE, NO_RESPONSE, CRI), (NO_RESPONSE, CRI, CR)],
)
def test_cr_or_cri_within_three_cycles_allows_cycle_4(
    rules: ClinicalRules, outcomes: tuple[CycleOutcome, ...]
) -> None:
    assert _codes(rules, 4, False, *outcomes) == {}


def test_unknown_hsct_plan_blocks_after_cycle_2(rules: ClinicalRules) -> None:
    # The limit differs (2 or 3 with HSCT, 6 without): it cannot be judged unstated (defect 10).
    assert _codes(rules, 2, None, CR) == {}
    assert _codes(rules, 3, None, CR, CR) == {"HSCT_PLAN_UNKNOWN": Severity.BLOCKING}


def test_seventh_cycle_before_hsct_carries_both_limits(rules: ClinicalRules) -> None:
    codes = _codes(rules, 7, True, *(CR,) * 6)
    assert codes == {"CYCLE_LIMIT_TOTAL": Severity.BLOCKING, "CYCLE_LIMIT_HSCT": Severity.BLOCKING}


def test_unrecorded_early_responses_block_but_say_what_is_missing(rules: ClinicalRules) -> None:
    # Only cycle 3 is known (no response): cycles 1 and 2 may have reached CR; still blocking,
    # because the label's stop rule cannot be ruled out, but the message names the gap.
    findings = cycle_limit_findings(rules, 4, False, (None, None, NO_RESPONSE))
    assert [(f.code, f.severity) for f in findings] == [
        ("NO_RESPONSE_BY_CYCLE_3", Severity.BLOCKING)
    ]
    assert "(responses of cycles 1 and 2 not recorded: record them if" in findings[0].message
    one = cycle_limit_findings(rules, 4, False, (NO_RESPONSE, CycleOutcome(None), NO_RESPONSE))
    assert "(response of cycle 2 not recorded: record it if" in one[0].message
