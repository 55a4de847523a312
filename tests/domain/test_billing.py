"""J9229 units (0.1 mg) with JW/JZ, computed by hand; the 11-digit NDC."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.billing import BillingRounding, bill_dose, ndc_11

D = Decimal
VIAL = D("0.9")  # mg per single-dose vial (PI 2.4): 9 J9229 units


@pytest.mark.parametrize(
    ("dose", "discarded", "vials", "units", "wasted", "modifier"),
    [
        # 1.5 mg from 2 vials (1.8 mg = 18 units): 15 units given, 0.3 mg = 3 units JW
        ("1.5", "0.3", 2, 15, 3, "JW"),
        # 0.94 mg: 9.4 units rounded up to 10; 0.86 mg = 8.6 units rounded down to 8 (10 + 8 = 18)
        ("0.94", "0.86", 2, 10, 8, "JW"),
        # 0.9 mg is exactly one vial: 9 units, nothing discarded: JZ
        ("0.9", "0", 1, 9, 0, "JZ"),
        # 1.75 mg: 17.5 -> 18 units; 0.05 mg discarded is under one unit: no JW line, no JZ
        ("1.75", "0.05", 2, 18, 0, ""),
    ],
)
def test_cms_rounding_administered_up_discarded_down(
    dose: str, discarded: str, vials: int, units: int, wasted: int, modifier: str
) -> None:
    billed = bill_dose(D(dose), D(discarded), vials, VIAL)
    assert (billed.administered_units, billed.discarded_units, billed.modifier) == (
        units,
        wasted,
        modifier,
    )


def test_nearest_unit_site_rule_never_bills_more_than_the_vials_held() -> None:
    # 0.94 mg -> 9.4 -> 9 units; 0.86 mg -> 8.6 -> 9 units; 9 + 9 = 18 = 2 vials
    billed = bill_dose(D("0.94"), D("0.86"), 2, VIAL, BillingRounding.NEAREST)
    assert (billed.administered_units, billed.discarded_units) == (9, 9)


def test_a_bag_discarded_whole_bills_only_the_jw_line() -> None:
    # 1.5 mg prepared and not given: residue 0.3 mg + the 1.5 mg bag = 18 units JW
    billed = bill_dose(D(0), D("1.8"), 2, VIAL)
    assert (billed.administered_units, billed.discarded_units, billed.modifier) == (0, 18, "JW")


def test_ndc_11_pads_the_labeler_code() -> None:
    assert ndc_11("0008-0100-01") == "00008-0100-01"


@given(
    st.decimals(min_value=D("0.01"), max_value=D("5.4"), places=2),
    st.sampled_from(list(BillingRounding)),
)
def test_units_never_exceed_what_the_vials_held(dose: Decimal, rule: BillingRounding) -> None:
    vials = int((dose / VIAL).to_integral_value(rounding="ROUND_CEILING"))
    billed = bill_dose(dose, vials * VIAL - dose, vials, VIAL, rule)
    assert billed.administered_units + billed.discarded_units <= vials * 9
    assert billed.administered_units >= 1
