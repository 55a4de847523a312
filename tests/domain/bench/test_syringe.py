"""The syringe method's arithmetic (PI 3/2024 2.4, site-entered parameters).

Site values here are ILLUSTRATIVE (no label numbers exist for the syringe method). Checked
by hand: 0.34 mg with syringes 3 and 10 mL at 0.025–0.1 mg/mL -> 3 mL would be 0.1133 mg/mL
(too strong), 10 mL is 0.034 mg/mL -> 10 mL; 1.36 mL drug (0.34 / 0.25) + 8.64 mL;
rate 10 mL × 60 / 30 min = 20 mL/h.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.bench.preparation import concentration_findings
from ino_desk.domain.bench.syringe import SyringeMethod, syringe_rate_ml_per_h
from ino_desk.domain.bench.syringe_preparation import planned_preparation
from ino_desk.domain.findings import Severity

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

SITE = SyringeMethod(Decimal("0.025"), Decimal("0.1"), (Decimal(10), Decimal(3)), 30)


def test_a_small_dose_goes_into_the_smallest_syringe_in_range(rules: ClinicalRules) -> None:
    prep = planned_preparation(rules, Decimal("0.34"), SITE)
    assert prep.syringe == SITE.use()
    assert (prep.total_volume_ml, prep.drug_volume_ml, prep.diluent_ml) == (
        Decimal(10),
        Decimal("1.36"),
        Decimal("8.64"),
    )
    assert (prep.concentration_mg_per_ml, prep.rate_ml_per_h) == (Decimal("0.034"), Decimal(20))
    assert (prep.vials, prep.discarded_mg, prep.infusion_minutes) == (1, Decimal("0.56"), 30)
    assert concentration_findings(rules, 8, prep) == []


def test_a_dose_the_bag_holds_stays_in_the_bag(rules: ClinicalRules) -> None:
    # 0.54 mg / 50 mL = 0.0108 mg/mL, inside the bag's 0.01–0.1 mg/mL
    prep = planned_preparation(rules, Decimal("0.54"), SITE)
    assert (prep.syringe, prep.total_volume_ml) == (None, Decimal(50))


def test_too_strong_for_every_syringe_is_blocking(rules: ClinicalRules) -> None:
    # 0.45 mg: 0.45 / 50 = 0.009 (below the bag); only a 3 mL syringe: 0.15 mg/mL > 0.1
    only_small = SyringeMethod(Decimal("0.025"), Decimal("0.1"), (Decimal(3),), 30)
    prep = planned_preparation(rules, Decimal("0.45"), only_small)
    assert prep.concentration_mg_per_ml == Decimal("0.15")
    found = concentration_findings(rules, 8, prep)
    assert [(f.code, f.severity) for f in found] == [
        ("SYRINGE_CONCENTRATION_ABOVE_RANGE", Severity.BLOCKING)
    ]
    assert "site-entered, unverified" in found[0].message


doses = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("0.49"), places=2)
volumes = st.lists(
    st.decimals(min_value=Decimal(1), max_value=Decimal(60), places=1), min_size=1, max_size=6
).map(lambda v: tuple(sorted(set(v))))


@given(dose=doses, sizes=volumes)
def test_the_chosen_syringe_is_the_smallest_in_range_when_one_is(
    rules: ClinicalRules, dose: Decimal, sizes: tuple[Decimal, ...]
) -> None:
    method = SyringeMethod(Decimal("0.025"), Decimal("0.1"), sizes, 60)
    prep = planned_preparation(rules, dose, method)
    in_range = [v for v in sizes if Decimal("0.025") * v <= dose <= Decimal("0.1") * v]
    if in_range:
        assert prep.total_volume_ml == min(in_range)
        assert concentration_findings(rules, 8, prep) == []
    else:
        assert [f.severity for f in concentration_findings(rules, 8, prep)] in (
            [Severity.STOP],
            [Severity.BLOCKING],
        )
    assert prep.drug_volume_ml + prep.diluent_ml == prep.total_volume_ml


@given(
    volume=st.decimals(min_value=Decimal(1), max_value=Decimal(60), places=1),
    minutes=st.integers(min_value=1, max_value=480),
)
def test_the_rate_is_volume_over_time_rounded_half_up_to_a_tenth(
    volume: Decimal, minutes: int
) -> None:
    rate = syringe_rate_ml_per_h(volume, minutes)
    exact = volume * 60 / minutes
    assert rate == rate.quantize(Decimal("0.1"))
    assert abs(rate - exact) <= Decimal("0.05")
