"""ISMP display, half-up rounding and the parsing of typed numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.errors import InputError
from ino_desk.domain.quantities import (
    HUNDREDTH,
    Unit,
    ceil_int,
    format_number,
    format_quantity,
    parse_decimal,
    percent_difference,
    round_half_up,
)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("0.5", "0.5"),  # leading zero, never ".5"
        ("1.0", "1"),  # no trailing zero: "1.0 mg" is read as 10 mg
        ("1.50", "1.5"),
        ("1.00", "1"),
        ("10000", "10,000"),  # thousands separator for large numbers
        ("1000", "1,000"),
        ("999", "999"),
        ("1234567.25", "1,234,567.25"),
        ("0.0188", "0.0188"),
        ("-0.50", "-0.5"),
        ("-0.00", "0"),
        ("0E-7", "0"),
        ("1E+2", "100"),  # no exponent on display
        ("1E-7", "0.0000001"),
    ],
)
def test_ismp_display(value: str, shown: str) -> None:
    assert format_number(Decimal(value)) == shown


def test_display_without_grouping_and_with_units() -> None:
    assert format_number(Decimal("10000.50"), group_thousands=False) == "10000.5"
    assert format_quantity(Decimal("0.50"), Unit.MG) == "0.5 mg"
    assert format_quantity(Decimal("1.880"), Unit.M2) == "1.88 m²"
    assert format_quantity(Decimal("50.0"), Unit.ML) == "50 mL"


def test_display_of_numbers_longer_than_the_decimal_context_is_exact() -> None:
    # 30 significant digits: more than Decimal's default 28-digit context.
    value = Decimal("123456789012345678901234567890.5")
    assert format_number(value, group_thousands=False) == "123456789012345678901234567890.5"


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_display_refuses_non_finite(bad: Decimal) -> None:
    with pytest.raises(ValueError, match="cannot display"):
        format_number(bad)


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_format_number_round_trips(value: Decimal) -> None:
    plain = format_number(value, group_thousands=False)
    assert Decimal(plain) == value
    assert Decimal(format_number(value).replace(",", "")) == value
    assert "E" not in plain.upper()
    assert not plain.startswith((".", "-."))  # ISMP: always a leading zero
    if "." in plain:
        assert not plain.endswith(("0", "."))  # ISMP: never a trailing zero


def test_round_half_up_rounds_halves_away_from_zero() -> None:
    # 0.925 -> 0.93 and 0.935 -> 0.94 (banker's rounding would give 0.92 and 0.94)
    assert round_half_up(Decimal("0.925"), HUNDREDTH) == Decimal("0.93")
    assert round_half_up(Decimal("0.935"), HUNDREDTH) == Decimal("0.94")
    assert round_half_up(Decimal("0.9249"), HUNDREDTH) == Decimal("0.92")


def test_ceil_int() -> None:
    assert ceil_int(Decimal("1")) == 1
    assert ceil_int(Decimal("1.0000001")) == 2
    assert ceil_int(Decimal("0.01")) == 1


def test_percent_difference_is_relative_to_the_reference() -> None:
    # (0.9 - 0.94) / 0.94 × 100 = -4.2553 % -> -4.3 %
    assert percent_difference(Decimal("0.9"), Decimal("0.94")) == Decimal("-4.3")


@pytest.mark.parametrize(
    ("text", "value"),
    [("170", "170"), (" 1.5 ", "1.5"), (".5", "0.5"), ("5.", "5"), ("+2", "2"), ("1e2", "100")],
)
def test_parse_accepts_plain_numbers(text: str, value: str) -> None:
    assert parse_decimal(text, "height") == Decimal(value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "a number is required"),
        ("   ", "a number is required"),
        ("abc", "is not a number"),
        ("1,70", "is not a number"),
        ("1_70", "is not a number"),  # Decimal() itself would read 170
        ("١٧٠", "is not a number"),  # Arabic-Indic digits: Decimal() would read 170
        ("nan", "must be a finite number"),
        ("NaN", "must be a finite number"),
        ("sNaN", "must be a finite number"),
        ("inf", "must be a finite number"),
        ("-Infinity", "must be a finite number"),
        ("1e999999999", "too large or too small"),
        ("1e-999999999", "too large or too small"),
    ],
)
def test_parse_refuses_naming_the_field(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as caught:
        parse_decimal(text, "weight")
    assert caught.value.field == "weight"
    assert str(caught.value).startswith("weight: ")


@given(st.text())
def test_parse_never_fails_with_anything_but_an_input_error(text: str) -> None:
    try:
        value = parse_decimal(text, "field")
    except InputError as exc:
        failed_on = exc.field
    else:
        failed_on = ""
        assert value.is_finite()
        assert (value * Decimal("2.54")).is_finite()  # arithmetic stays in range
    assert failed_on in {"", "field"}
