"""Exact unit conversion of laboratory values, each factor computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.lab_units import (
    Analyte,
    convert,
    known_units,
    read_number,
    upper_limit,
)

D = Decimal


@pytest.mark.parametrize(
    ("analyte", "value", "unit", "expected"),
    [
        # counts: 1 cell/µL = 10⁶ cells/L = 0.001 × 10⁹/L; 10³/µL = 10⁹/L
        (Analyte.ANC, "1200", "cells/uL", "1.2"),
        (Analyte.ANC, "1200", "cells/µL", "1.2"),
        (Analyte.ANC, "1.2", "10*9/L", "1.2"),
        (Analyte.PLATELETS, "85000", "/mm3", "85"),
        (Analyte.PLATELETS, "85", "K/uL", "85"),
        (Analyte.PLATELETS, "85", "x10E3/uL", "85"),
        (Analyte.PLATELETS, "85", "G/L", "85"),
        (Analyte.PLATELETS, "85", "10^9/L", "85"),
        # bilirubin 584.66 g/mol: 17.1 µmol/L × 0.058466 = 0.9997686 mg/dL
        (Analyte.TOTAL_BILIRUBIN, "17.1", "umol/L", "0.9997686"),
        (Analyte.TOTAL_BILIRUBIN, "0.9", "MG/DL", "0.9"),
        # 1 µkat/L = 60 U/L: 0.5 µkat/L = 30 U/L
        (Analyte.AST, "0.5", "ukat/L", "30"),
        (Analyte.ALT, "28", "IU/L", "28"),
        (Analyte.ALT, "28", "[IU]/L", "28"),
        # blasts per mm³: 1.5 × 10⁹/L = 1.5 × 10³/µL = 1500/mm³
        (Analyte.PERIPHERAL_BLASTS, "1.5", "10*9/L", "1500"),
        (Analyte.PERIPHERAL_BLASTS, "1500", "cells/uL", "1500"),
    ],
)
def test_each_supported_unit_converts_exactly(
    analyte: Analyte, value: str, unit: str, expected: str
) -> None:
    assert convert(analyte, D(value), unit) == D(expected)


@pytest.mark.parametrize(
    ("analyte", "unit"),
    [(Analyte.PLATELETS, "mmol/L"), (Analyte.TOTAL_BILIRUBIN, "mg/L"), (Analyte.AST, "%")],
)
def test_an_unknown_unit_is_refused_naming_the_analyte(analyte: Analyte, unit: str) -> None:
    with pytest.raises(InputError) as caught:
        convert(analyte, D("1"), unit)
    assert caught.value.field == f"{analyte.display_name} unit"
    assert repr(unit) in caught.value.message


@pytest.mark.parametrize(
    ("text", "uln"),
    [("10-40", "40"), ("0.2 - 1.2", "1.2"), ("<40", "40"), ("<=1.2", "1.2"), ("", None)],
)
def test_upper_limit_of_normal_from_the_reference_range(text: str, uln: str | None) -> None:
    assert upper_limit(text) == (None if uln is None else D(uln))


def test_a_range_without_an_upper_limit_gives_none() -> None:
    assert upper_limit(">5") is None


@pytest.mark.parametrize("text", ["<5", "1e3", "abc", "", "NaN", "1,2"])
def test_values_that_are_not_plain_numbers_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="not a plain number"):
        read_number(text, "ANC value")


@given(st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False))
def test_per_microlitre_and_per_litre_agree_exactly(cells_per_ul: Decimal) -> None:
    per_l = convert(Analyte.PLATELETS, cells_per_ul, "cells/uL")
    assert per_l * 1000 == cells_per_ul  # no rounding anywhere
    assert convert(Analyte.PERIPHERAL_BLASTS, per_l, "10*9/L") == cells_per_ul


@given(
    st.sampled_from(list(Analyte)),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz/*%^0123456789", min_size=1, max_size=8),
)
def test_a_unit_is_converted_only_when_known(analyte: Analyte, unit: str) -> None:
    known = unit.casefold() in known_units(analyte)
    try:
        convert(analyte, D(1), unit)
    except InputError:
        assert not known
    else:
        assert known
