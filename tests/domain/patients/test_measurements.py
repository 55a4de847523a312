"""Typed height, weight and age: refused when impossible, warned when unusual."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import Severity
from ino_desk.domain.patients.measurements import (
    HeightWeight,
    atypical_measurement_findings,
    read_age_years,
    read_height,
    read_weight,
)

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("tall", "'tall' is not a number"),
        ("", "a number is required"),
        ("NaN", "must be a finite number"),
        ("inf", "must be a finite number"),
        ("0", "must be greater than zero"),
        ("-170", "must be greater than zero"),
    ],
)
def test_height_refuses_non_numbers_and_non_positive(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as caught:
        read_height(text, field="--height-cm")
    assert caught.value.field == "--height-cm"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("heavy", "'heavy' is not a number"),
        ("-Infinity", "must be a finite number"),
        ("0", "must be greater than zero"),
        ("-75", "must be greater than zero"),
    ],
)
def test_weight_refuses_non_numbers_and_non_positive(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as caught:
        read_weight(text, field="--weight-kg")
    assert caught.value.field == "--weight-kg"


@pytest.mark.parametrize("text", ["40", "40.0", "170", "250"])
def test_height_hard_limits_are_inclusive(text: str) -> None:
    assert read_height(text, field="height") == Decimal(text)


@pytest.mark.parametrize(
    ("text", "shown"), [("39.9", "39.9"), ("250.1", "250.1"), ("1700", "1,700")]
)
def test_height_outside_hard_limits_names_field_and_range(text: str, shown: str) -> None:
    with pytest.raises(InputError) as caught:
        read_height(text, field="--height-cm")
    assert str(caught.value) == (
        f"--height-cm: {shown} cm is outside the allowed range 40 to 250 cm"
    )


@pytest.mark.parametrize("text", ["3", "75", "400"])
def test_weight_hard_limits_are_inclusive(text: str) -> None:
    assert read_weight(text, field="weight") == Decimal(text)


@pytest.mark.parametrize(("text", "shown"), [("2.9", "2.9"), ("400.1", "400.1")])
def test_weight_outside_hard_limits_names_field_and_range(text: str, shown: str) -> None:
    with pytest.raises(InputError) as caught:
        read_weight(text, field="--weight-kg")
    assert str(caught.value) == f"--weight-kg: {shown} kg is outside the allowed range 3 to 400 kg"


def test_limits_apply_after_unit_conversion() -> None:
    # 15 in × 2.54 = 38.1 cm < 40 cm; 99 in × 2.54 = 251.46 cm > 250 cm
    with pytest.raises(InputError, match=r"^--height-in: 38\.1 cm is outside .* 40 to 250 cm$"):
        read_height("15", field="--height-in", inches=True)
    with pytest.raises(InputError, match=r"251\.5 cm is outside"):
        read_height("99", field="--height-in", inches=True)
    # 890 lb × 0.45359237 = 403.697 kg > 400 kg; 6 lb = 2.7216 kg < 3 kg
    with pytest.raises(InputError, match=r"^--weight-lb: 403\.7 kg is outside .* 3 to 400 kg$"):
        read_weight("890", field="--weight-lb", pounds=True)
    with pytest.raises(InputError, match=r"2\.7 kg is outside"):
        read_weight("6", field="--weight-lb", pounds=True)


def test_typical_values_give_no_warning() -> None:
    assert atypical_measurement_findings(HeightWeight(Decimal(170), Decimal(75))) == []
    assert atypical_measurement_findings(HeightWeight(Decimal(70), Decimal(8))) == []


def test_plausible_but_unusual_values_warn_and_are_kept() -> None:
    findings = atypical_measurement_findings(HeightWeight(Decimal(60), Decimal(250)))
    assert [(f.code, f.severity) for f in findings] == [
        ("HEIGHT_ATYPICAL", Severity.WARNING),
        ("WEIGHT_ATYPICAL", Severity.WARNING),
    ]
    assert "Height 60 cm is outside the usual range 70 to 210 cm" in findings[0].message
    assert "Weight 250 kg is outside the usual range 8 to 200 kg" in findings[1].message
    # a warning, not a refusal: the same values pass the hard limits
    assert read_height("60", field="h") == Decimal(60)
    assert read_weight("250", field="w") == Decimal(250)


@pytest.mark.parametrize("text", ["0.5", "0", "0.99", "-3"])
def test_age_under_one_year_is_refused_with_the_reason(rules: ClinicalRules, text: str) -> None:
    with pytest.raises(InputError) as caught:
        read_age_years(text, rules, field="--age-years")
    assert caught.value.field == "--age-years"
    assert "not established under 1 year" in caught.value.message
    assert "(PI 1)" in caught.value.message


@pytest.mark.parametrize("text", ["1", "17", "80"])
def test_age_one_year_and_older_is_accepted(rules: ClinicalRules, text: str) -> None:
    assert read_age_years(text, rules, field="age") == Decimal(text)


def test_age_refuses_non_numbers(rules: ClinicalRules) -> None:
    with pytest.raises(InputError, match="'ten' is not a number"):
        read_age_years("ten", rules, field="--age-years")


def test_age_above_the_plausible_maximum_is_a_typing_error(rules: ClinicalRules) -> None:
    with pytest.raises(InputError) as caught:
        read_age_years("130", rules, field="--age-years")
    assert caught.value.message == "allowed 1 to 120 years; check the age was typed right"
