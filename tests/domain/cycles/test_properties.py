"""Properties that must hold for every BSA and dose, checked with Hypothesis."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.bench.preparation import prepare
from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.plan import CycleRequest, plan_cycle
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.patients.bsa import BsaFormula, body_surface_area

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

D = Decimal
START = date(2026, 12, 1)
# BSA in hundredths of m² (0.2 to 3.5 m² covers a 1-year-old to the heaviest adults)
bsas = st.integers(min_value=20, max_value=350).map(lambda n: D(n) / 100)
# doses in hundredths of mg, 0.01 to 20 mg (far beyond any real dose)
doses = st.integers(min_value=1, max_value=2000).map(lambda n: D(n) / 100)
outcomes = st.sampled_from(
    [
        (),
        (CycleOutcome(Response.CR),),
        (CycleOutcome(Response.CRI),),
        (CycleOutcome(Response.NONE),),
    ]
)


@given(bsas, bsas, outcomes)
def test_dose_is_monotone_in_bsa(
    rules: ClinicalRules, a: Decimal, b: Decimal, previous: tuple[CycleOutcome, ...]
) -> None:
    low, high = sorted((a, b))
    cycle = 1 + len(previous)
    plan_low = plan_cycle(rules, CycleRequest(low, cycle, START, outcomes=previous))
    plan_high = plan_cycle(rules, CycleRequest(high, cycle, START, outcomes=previous))
    for d_low, d_high in zip(plan_low.doses, plan_high.doses, strict=True):
        assert d_low.dose_mg <= d_high.dose_mg
        assert d_low.dose_mg.as_tuple().exponent == -2  # always 0.01 mg steps
    assert plan_low.total_mg <= plan_high.total_mg


@given(doses)
def test_vials_are_the_fewest_that_hold_the_dose(rules: ClinicalRules, dose: Decimal) -> None:
    vial = rules.vial_strength_mg.value
    prep = prepare(rules, dose)
    assert prep.vials * vial >= dose
    assert (prep.vials - 1) * vial < dose
    assert prep.discarded_mg == prep.vials * vial - dose
    assert D(0) <= prep.discarded_mg < vial


@given(doses)
def test_drug_and_diluent_make_the_bag_volume_exactly(rules: ClinicalRules, dose: Decimal) -> None:
    prep = prepare(rules, dose)
    assert prep.drug_volume_ml + prep.diluent_ml == D(50)  # PI 2.4: total 50 mL
    assert prep.total_volume_ml == D(50)
    # drug volume is dose / 0.25 = dose × 4, exact at 0.01 mL for 0.01 mg doses
    assert prep.drug_volume_ml == dose * 4
    assert prep.concentration_mg_per_ml * 50 == dose


@given(
    st.integers(min_value=400, max_value=2500).map(lambda n: D(n) / 10),
    st.integers(min_value=30, max_value=4000).map(lambda n: D(n) / 10),
    st.sampled_from(list(BsaFormula)),
)
def test_bsa_is_positive_and_monotone_in_weight(
    height: Decimal, weight: Decimal, formula: BsaFormula
) -> None:
    bsa = body_surface_area(height, weight, formula)
    assert bsa > 0
    assert body_surface_area(height, weight + 1, formula) >= bsa
    assert body_surface_area(height + 1, weight, formula) >= bsa
