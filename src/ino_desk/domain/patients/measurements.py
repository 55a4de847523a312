"""Checks on the height, weight and age a user types, before any BSA is computed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import Finding, Severity
from ino_desk.domain.quantities import (
    TENTH,
    format_number,
    inches_to_cm,
    parse_decimal,
    pounds_to_kg,
)

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

# Plausibility limits for typed measurements (product requirement, not label rules): a value
# outside the hard limits is a typing error; outside the typical range it is only unusual.
HEIGHT_CM_LIMITS = (Decimal(40), Decimal(250))
WEIGHT_KG_LIMITS = (Decimal(3), Decimal(400))
HEIGHT_CM_TYPICAL = (Decimal(70), Decimal(210))
WEIGHT_KG_TYPICAL = (Decimal(8), Decimal(200))
AGE_YEARS_MAX = Decimal(120)


@dataclass(frozen=True, slots=True)
class HeightWeight:
    """One validated height and weight pair in metric units (the dosing input); a dated,
    stored pair of one patient is a `labs.Measurement`."""

    height_cm: Decimal
    weight_kg: Decimal


def _in_limits(value: Decimal, field: str, limits: tuple[Decimal, Decimal], unit: str) -> Decimal:
    low, high = limits
    if not low <= value <= high:
        shown = format_number(value.quantize(TENTH)) if abs(value) < 10**9 else "the value"
        raise InputError(
            field,
            f"{shown} {unit} is outside the allowed range "
            f"{format_number(low)} to {format_number(high)} {unit}",
        )
    return value


def _positive(text: str | Decimal | int, field: str) -> Decimal:
    value = parse_decimal(text, field)
    if value <= 0:
        raise InputError(field, "must be greater than zero")
    return value


def read_height(text: str | Decimal | int, *, field: str, inches: bool = False) -> Decimal:
    """Height in cm from typed text in cm or inches; refuses zero, negatives and typos."""
    value = _positive(text, field)
    return _in_limits(inches_to_cm(value) if inches else value, field, HEIGHT_CM_LIMITS, "cm")


def read_weight(text: str | Decimal | int, *, field: str, pounds: bool = False) -> Decimal:
    """Weight in kg from typed text in kg or pounds."""
    value = _positive(text, field)
    return _in_limits(pounds_to_kg(value) if pounds else value, field, WEIGHT_KG_LIMITS, "kg")


def read_age_years(text: str | Decimal | int, rules: ClinicalRules, *, field: str) -> Decimal:
    """Age in years; refused under the label's minimum (PI 1: not established < 1 year)."""
    value = parse_decimal(text, field)
    minimum = Decimal(rules.min_age_years.value)
    allowed = f"allowed {format_number(minimum)} to {format_number(AGE_YEARS_MAX)} years"
    if value < minimum:
        raise InputError(
            field,
            f"{allowed}; safety and efficacy are not established under "
            f"{format_number(minimum)} year ({rules.min_age_years.citation})",
        )
    if value > AGE_YEARS_MAX:
        raise InputError(field, f"{allowed}; check the age was typed right")
    return value


def atypical_measurement_findings(m: HeightWeight) -> list[Finding]:
    """Warn (never refuse) when a plausible value lies outside the usual adult/child range."""
    findings: list[Finding] = []
    for name, value, (low, high), unit in (
        ("height", m.height_cm, HEIGHT_CM_TYPICAL, "cm"),
        ("weight", m.weight_kg, WEIGHT_KG_TYPICAL, "kg"),
    ):
        if not low <= value <= high:
            findings.append(
                Finding(
                    code=f"{name.upper()}_ATYPICAL",
                    severity=Severity.WARNING,
                    message=(
                        f"{name.capitalize()} {format_number(value.quantize(TENTH))} "
                        f"{unit} is outside the usual range {format_number(low)} to "
                        f"{format_number(high)} {unit}: check it was measured and typed right."
                    ),
                )
            )
    return findings
