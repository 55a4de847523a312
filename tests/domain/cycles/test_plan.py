"""Whole-cycle plan: course-level BSA warnings and the site BSA cap."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.plan import CycleRequest, plan_cycle
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import Severity
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.policy import SitePolicy

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

D = Decimal
START = date(2026, 12, 29)
AFTER_CR = (CycleOutcome(Response.CR),)


def _codes(rules: ClinicalRules, request: CycleRequest) -> dict[str, Severity]:
    return {f.code: f.severity for f in plan_cycle(rules, request).findings}


@pytest.mark.parametrize(
    ("first", "now", "warns"),
    [
        ("2.00", "2.20", False),  # (2.20 - 2.00) / 2.00 = 10 % exactly: not more than 10 %
        ("2.39", "2.63", True),  # 0.24 / 2.39 = 10.04 %: displays as 10 % but is more
        ("2.00", "1.79", True),  # -0.21 / 2.00 = -10.5 %
        ("2.00", "1.81", False),  # -9.5 %
    ],
)
def test_bsa_change_from_the_course_start_warns_above_10_percent(
    rules: ClinicalRules, first: str, now: str, warns: bool
) -> None:
    request = CycleRequest(D(now), 2, START, outcomes=AFTER_CR, course_first_bsa_m2=D(first))
    codes = _codes(rules, request)
    assert ("BSA_CHANGED" in codes) is warns
    if warns:
        assert codes["BSA_CHANGED"] is Severity.WARNING


def test_bsa_change_message_states_both_values(rules: ClinicalRules) -> None:
    request = CycleRequest(D("1.79"), 2, START, outcomes=AFTER_CR, course_first_bsa_m2=D("2.00"))
    (finding,) = [f for f in plan_cycle(rules, request).findings if f.code == "BSA_CHANGED"]
    assert "BSA 1.79 m² differs by -10.5 % from the course's first BSA 2 m²" in finding.message


def test_formula_other_than_the_course_lock_warns(rules: ClinicalRules) -> None:
    request = CycleRequest(
        D("1.86"),
        2,
        START,
        bsa_formula=BsaFormula.DUBOIS,
        outcomes=AFTER_CR,
        course_bsa_formula=BsaFormula.MOSTELLER,
    )
    assert _codes(rules, request)["BSA_FORMULA_CHANGED"] is Severity.WARNING
    same = CycleRequest(
        D("1.88"), 2, START, outcomes=AFTER_CR, course_bsa_formula=BsaFormula.MOSTELLER
    )
    assert "BSA_FORMULA_CHANGED" not in _codes(rules, same)


def test_site_bsa_cap_doses_on_the_cap_and_says_so(rules: ClinicalRules) -> None:
    # BSA 2.4 capped at 2.0 by site policy: Day 1 2.0 × 0.8 = 1.6 mg (not 2.4 × 0.8 = 1.92)
    policy = SitePolicy(bsa_cap_m2=D("2.0"))
    plan = plan_cycle(rules, CycleRequest(D("2.40"), 1, START, policy=policy))
    assert plan.dosing_bsa_m2 == D("2.0")
    assert plan.doses[0].dose_mg == D("1.60")
    (capped,) = [f for f in plan.findings if f.code == "BSA_CAPPED"]
    assert capped.severity is Severity.WARNING
    assert "not a label rule" in capped.message


def test_no_cap_by_default(rules: ClinicalRules) -> None:
    plan = plan_cycle(rules, CycleRequest(D("2.40"), 1, START))
    # 2.4 × 0.8 = 1.92 mg
    assert plan.doses[0].dose_mg == D("1.92")
    assert plan.dosing_bsa_m2 == D("2.40")


@pytest.mark.parametrize("cap", ["0.99", "3.01"])
def test_site_cap_must_be_plausible(cap: str) -> None:
    with pytest.raises(InputError, match="allowed 1 to 3 m², or no cap"):
        SitePolicy(bsa_cap_m2=D(cap))
