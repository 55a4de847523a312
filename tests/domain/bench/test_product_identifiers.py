"""The pack's accepted vial: the NDC [L] and its GTIN-14 by the GS1 rule [U]."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.rules import Mark

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


def test_the_pack_names_the_ndc_of_issue_8(rules: ClinicalRules) -> None:
    assert rules.product_ndc.value == "0008-0100-01"
    assert rules.product_ndc.section == "16"


def test_the_gtin_is_the_ndc_wrapped_by_the_gs1_rule(rules: ClinicalRules) -> None:
    # NDC 0008-0100-01 (4-4-2) without hyphens: 0008010001 (10 digits).
    # GTIN-14 = indicator "0" + pad "0" + US drug prefix "3" + NDC10 + check digit
    #         = 0 0 3 0 0 0 8 0 1 0 0 0 1 + check.
    # Check digit: weights 3,1,3,1... from the rightmost of these 13 digits:
    #   1×3 + 0×1 + 0×3 + 0×1 + 1×3 + 0×1 + 8×3 + 0×1 + 0×3 + 0×1 + 3×3 + 0×1 + 0×3
    #   = 3 + 3 + 24 + 9 = 39; check = (10 − 39 mod 10) mod 10 = 1.
    assert rules.product_gtin.value == "00300080100011"
    digits = "0" + "0" + "3" + rules.product_ndc.value.replace("-", "")
    assert digits == "0030008010001"


def test_biip_agrees_the_check_digit_is_valid(rules: ClinicalRules) -> None:
    from biip.gtin import Gtin

    assert Gtin.parse(rules.product_gtin.value).check_digit == 1


def test_the_ndc_is_confirmed_and_the_derived_gtin_says_it_is_not(rules: ClinicalRules) -> None:
    # CLINICAL-RULES "3, 4, 16 Product facts": NDC 0008-0100-01 [L, DailyMed].
    assert rules.product_ndc.mark is Mark.LABEL
    assert rules.product_ndc.verified
    assert rules.product_ndc.citation == "PI 16"
    # No copy of the label states the GTIN: it stays [U] with its visible mark.
    assert rules.product_gtin.mark is Mark.UNCONFIRMED
    assert not rules.product_gtin.verified
    assert rules.product_gtin.citation == "PI 16, unconfirmed: verify against the current PI"
