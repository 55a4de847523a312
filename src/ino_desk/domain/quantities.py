"""Decimal arithmetic, unit conversion and ISMP-safe display of clinical quantities."""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from ino_desk.domain.errors import InputError

CM_PER_INCH = Decimal("2.54")  # exact by definition of the inch
KG_PER_POUND = Decimal("0.45359237")  # exact by definition of the pound

HUNDREDTH = Decimal("0.01")
TENTH = Decimal("0.1")
# Typed numbers beyond 10^±30 are typing accidents, and keep Decimal arithmetic in range.
MAX_EXPONENT = 30
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NON_FINITE_WORDS = {"nan", "snan", "inf", "infinity"}


class Unit(StrEnum):
    """Unit symbols spelled the way ISMP recommends (never "u", "cc" or a bare "µ")."""

    MG = "mg"
    ML = "mL"
    M2 = "m²"
    MG_PER_M2 = "mg/m²"
    MG_PER_ML = "mg/mL"
    CM = "cm"
    KG = "kg"


def round_half_up(value: Decimal, step: Decimal) -> Decimal:
    """Round to a multiple of `step` (a power of ten such as 0.01), halves away from zero."""
    return value.quantize(step, rounding=ROUND_HALF_UP)


def ceil_int(value: Decimal) -> int:
    """Smallest whole number >= value."""
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def format_number(value: Decimal, *, group_thousands: bool = True) -> str:
    """ISMP display: leading zero (0.5), no trailing zero (1, not 1.0), no exponent.

    Values of 1,000 and more get thousands separators, as ISMP advises for large numbers.
    Works on the digits as written, so no value is ever rounded by the display.
    """
    if not value.is_finite():
        raise ValueError(f"cannot display {value!r}")
    text = f"{value:f}"  # fixed-point and exact, whatever the exponent (normalize would round)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in {"-0", "0"}:
        return "0"
    if not group_thousands:
        return text
    sign = "-" if text.startswith("-") else ""
    whole, dot, fraction = text.removeprefix("-").partition(".")
    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    return sign + ",".join(groups) + dot + fraction


def format_quantity(value: Decimal, unit: Unit | str) -> str:
    """A number with its unit, e.g. `0.5 mg`, `1.88 m²`."""
    return f"{format_number(value)} {unit}"


def parse_decimal(text: str | Decimal | int, field: str) -> Decimal:
    """Read a user-typed number; refuse non-numbers, NaN and infinities naming the field."""
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int):
        value = Decimal(text)
    else:
        cleaned = text.strip()
        if not cleaned:
            raise InputError(field, "a number is required")
        if cleaned.lower().lstrip("+-") in _NON_FINITE_WORDS:
            raise InputError(field, "must be a finite number")
        # Decimal() would also take "1_70" and non-ASCII digits; a typed number is plain ASCII.
        if not _PLAIN_NUMBER.fullmatch(cleaned):
            raise InputError(field, f"{cleaned!r} is not a number")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            raise InputError(field, f"{cleaned!r} is not a number") from None
    if not value.is_finite():
        raise InputError(field, "must be a finite number")
    if value and not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
        # Decimal arithmetic overflows on exponents like 1e999999999; no typed quantity is near.
        raise InputError(field, "the number is too large or too small to be a real quantity")
    return value


def inches_to_cm(inches: Decimal) -> Decimal:
    return inches * CM_PER_INCH


def pounds_to_kg(pounds: Decimal) -> Decimal:
    return pounds * KG_PER_POUND


def percent_difference(new: Decimal, reference: Decimal) -> Decimal:
    """(new - reference) / reference in percent, rounded half-up to 0.1 %."""
    return round_half_up((new - reference) / reference * 100, TENTH)
