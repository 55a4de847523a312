"""BSA formulas against published vectors, worked by hand from each formula."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ino_desk.domain.patients.bsa import BsaFormula, body_surface_area, bsa_unrounded
from ino_desk.domain.patients.measurements import read_height, read_weight

TOLERANCE = Decimal("0.001")


# 170 cm, 75 kg:
#   Mosteller   sqrt(170 × 75 / 3600) = sqrt(3.541667)                  = 1.8819 -> 1.88
#   DuBois      0.007184 × 75^0.425 × 170^0.725 = 0.007184 × 6.2647 × 41.407 = 1.8636 -> 1.86
#   Haycock     0.024265 × 75^0.5378 × 170^0.3964 = 0.024265 × 10.195 × 7.6586 = 1.8947 -> 1.89
#   Gehan-George 0.0235 × 75^0.51456 × 170^0.42246 = 0.0235 × 9.2221 × 8.7554 = 1.8975 -> 1.90
#   Boyd (grams) 0.0003207 × 170^0.3 × 75000^(0.7285 - 0.0188 × log10 75000)
#                = 0.0003207 × 4.6680 × 75000^0.63685
#                = 0.0003207 × 4.6680 × 1272.56 = 1.9051 -> 1.91
@pytest.mark.parametrize(
    ("formula", "unrounded", "rounded"),
    [
        (BsaFormula.MOSTELLER, "1.882", "1.88"),
        (BsaFormula.DUBOIS, "1.864", "1.86"),
        (BsaFormula.HAYCOCK, "1.895", "1.89"),
        (BsaFormula.GEHAN_GEORGE, "1.897", "1.90"),
        (BsaFormula.BOYD, "1.905", "1.91"),
    ],
)
def test_public_vectors_170_cm_75_kg(formula: BsaFormula, unrounded: str, rounded: str) -> None:
    value = bsa_unrounded(Decimal(170), Decimal(75), formula)
    assert abs(value - Decimal(unrounded)) <= TOLERANCE
    shown = body_surface_area(Decimal(170), Decimal(75), formula)
    assert shown == Decimal(rounded)
    assert shown.as_tuple().exponent == -2  # rounded to 0.01 m², not merely equal


def test_mosteller_180_cm_80_kg_is_exactly_two() -> None:
    # sqrt(180 × 80 / 3600) = sqrt(14400 / 3600) = sqrt(4) = 2 exactly
    assert bsa_unrounded(Decimal(180), Decimal(80), BsaFormula.MOSTELLER) == Decimal(2)
    assert body_surface_area(Decimal(180), Decimal(80), BsaFormula.MOSTELLER) == Decimal("2.00")


def test_rounding_is_half_up_at_the_hundredth() -> None:
    # Mosteller: height × weight = 3600 × 1.885² = 12791.61 gives exactly 1.885 m².
    # 12791.61 = 100 cm × 127.9161 kg; half-up makes 1.885 -> 1.89 (half-even would give 1.88).
    assert bsa_unrounded(Decimal(100), Decimal("127.9161"), BsaFormula.MOSTELLER) == Decimal(
        "1.885"
    )
    assert body_surface_area(Decimal(100), Decimal("127.9161"), BsaFormula.MOSTELLER) == Decimal(
        "1.89"
    )


def test_inches_and_pounds_are_converted_exactly() -> None:
    # 67 in × 2.54 cm/in = 170.18 cm; 165 lb × 0.45359237 kg/lb = 74.84274105 kg
    height = read_height("67", field="--height-in", inches=True)
    weight = read_weight("165", field="--weight-lb", pounds=True)
    assert height == Decimal("170.18")
    assert weight == Decimal("74.84274105")
    # Mosteller: sqrt(170.18 × 74.84274105 / 3600) = sqrt(12736.7377 / 3600)
    #          = sqrt(3.537983) = 1.88095 -> 1.88
    assert abs(bsa_unrounded(height, weight, BsaFormula.MOSTELLER) - Decimal("1.881")) <= TOLERANCE
    assert body_surface_area(height, weight, BsaFormula.MOSTELLER) == Decimal("1.88")


def test_every_formula_has_a_cli_name_and_a_title() -> None:
    assert {f.value for f in BsaFormula} == {
        "mosteller",
        "dubois",
        "haycock",
        "gehan-george",
        "boyd",
    }
    assert BsaFormula.GEHAN_GEORGE.display_name == "Gehan & George"
