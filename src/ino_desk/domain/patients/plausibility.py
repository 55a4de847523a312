"""Plausible ranges of typed measurements and lab values: a value outside asks for a
confirmation with the value read back, never a silent save (issue 16).

These are NOT clinical rules and not from the label (CLINICAL-RULES.md gives none): they
catch typing slips such as pounds typed as kilograms (170 cm with 165 kg) or cells/µL typed
as ×10⁹/L (platelets 85,000). They are site settings; the defaults below are the product's,
chosen wide enough that a real adult or child value rarely asks, and a site may change them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.quantities import format_number, percent_difference

if TYPE_CHECKING:
    from ino_desk.domain.patients.labs import LabResult


@dataclass(frozen=True, slots=True)
class Range:
    low: Decimal
    high: Decimal
    unit: str

    def __contains__(self, value: Decimal) -> bool:
        return self.low <= value <= self.high

    @property
    def text(self) -> str:
        return f"{format_number(self.low)} to {format_number(self.high)} {self.unit}"


def _r(low: str, high: str, unit: str) -> Range:
    return Range(Decimal(low), Decimal(high), unit)


# Product defaults (site settings, not label rules): name -> range. The names are the fields'.
DEFAULT_RANGES: dict[str, Range] = {
    "height": _r("50", "220", "cm"),
    "weight": _r("5", "150", "kg"),
    "BSA": _r("0.3", "2.6", "m²"),
    "ANC": _r("0", "30", "×10⁹/L"),
    "platelets": _r("0", "1000", "×10⁹/L"),
    "total bilirubin": _r("0", "30", "mg/dL"),
    "AST": _r("0", "2000", "U/L"),
    "ALT": _r("0", "2000", "U/L"),
    "peripheral blasts": _r("0", "500000", "/mm³"),
}
_HINTS = {
    "weight": "pounds typed as kilograms?",
    "height": "inches typed as centimetres?",
    "BSA": "check height and weight and their units",
    "ANC": "cells/µL typed as ×10⁹/L?",
    "platelets": "cells/µL typed as ×10⁹/L?",
    "total bilirubin": "µmol/L typed as mg/dL?",
}


@dataclass(frozen=True, slots=True)
class PlausibleRanges:
    """The site's ranges; any name left out keeps its product default."""

    ranges: dict[str, Range] = field(default_factory=lambda: dict(DEFAULT_RANGES))

    def __post_init__(self) -> None:
        for name, r in self.ranges.items():
            if name not in DEFAULT_RANGES:
                raise InputError("plausible ranges", f"{name!r} is not a value the app checks")
            if not (r.low.is_finite() and r.high.is_finite()) or r.low < 0 or r.low >= r.high:
                raise InputError("plausible ranges", f"{name}: low must be 0 or more, below high")

    def of(self, name: str) -> Range:
        return self.ranges.get(name, DEFAULT_RANGES[name])

    @property
    def is_default(self) -> bool:
        return all(self.of(n) == r for n, r in DEFAULT_RANGES.items())

    def lines(self) -> str:
        """One "name: low to high" line per value, as stored and edited."""
        return "\n".join(f"{n}: {self.of(n).low:f} to {self.of(n).high:f}" for n in DEFAULT_RANGES)


def parse_ranges(text: str) -> PlausibleRanges:
    """The lines `PlausibleRanges.lines` writes; units are fixed by the value checked."""
    found: dict[str, Range] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _, span = line.partition(":")
        low, _, high = span.partition(" to ")
        name = name.strip()
        if name not in DEFAULT_RANGES:
            raise InputError("plausible ranges", f"line {number}: {name!r} is not a value checked")
        try:
            bounds = Decimal(low.strip()), Decimal(high.strip())
        except InvalidOperation:
            raise InputError(
                "plausible ranges", f"line {number}: write 'name: low to high'"
            ) from None
        found[name] = Range(*bounds, DEFAULT_RANGES[name].unit)
    return PlausibleRanges(found | {n: r for n, r in DEFAULT_RANGES.items() if n not in found})


@dataclass(frozen=True, slots=True)
class Implausible:
    """One value outside its plausible range, read back with the range and a likely slip."""

    field: str
    value: Decimal
    range: Range

    @property
    def message(self) -> str:
        hint = _HINTS.get(self.field)
        return (
            f"{self.field} {format_number(self.value)} {self.range.unit} is outside the plausible "
            f"range {self.range.text} (site setting)" + (f": {hint}" if hint else "")
        )


# Product requirement, not a label rule (CLINICAL-RULES.md section 5 only says to watch
# weight gain for VOD): issue 5 flags a change over this on the patient page, issue 16 reads
# back a weight this far from the last measurement in force before it is saved.
WEIGHT_CHANGE_ALERT_PERCENT = Decimal(10)


@dataclass(frozen=True, slots=True)
class WeightChanged:
    """A weight more than WEIGHT_CHANGE_ALERT_PERCENT away from the last one in force."""

    previous_kg: Decimal
    weight_kg: Decimal

    field = "weight"

    @property
    def message(self) -> str:
        change = percent_difference(self.weight_kg, self.previous_kg)
        return (
            f"weight {format_number(self.weight_kg)} kg is {format_number(abs(change))} % "
            f"{'above' if change > 0 else 'below'} the last measurement "
            f"{format_number(self.previous_kg)} kg (asks again over "
            f"{format_number(WEIGHT_CHANGE_ALERT_PERCENT)} %)"
        )


def weight_changed(previous_kg: Decimal | None, weight_kg: Decimal) -> tuple[WeightChanged, ...]:
    """The change read back, if over the threshold; exact ratio, not the rounded display."""
    if previous_kg is None or previous_kg <= 0:
        return ()
    over = abs(weight_kg - previous_kg) * 100 > WEIGHT_CHANGE_ALERT_PERCENT * previous_kg
    return (WeightChanged(previous_kg, weight_kg),) if over else ()


class ImplausibleError(InputError):
    """Values outside their plausible ranges, or a weight change over the threshold, not yet
    confirmed by the user (one read-back for both)."""

    def __init__(self, found: tuple[Implausible | WeightChanged, ...]) -> None:
        super().__init__(found[0].field, "; ".join(f.message for f in found) + "; confirm to save")
        self.found = found


def _outside(name: str, value: Decimal | None, ranges: PlausibleRanges) -> list[Implausible]:
    if value is None or value in ranges.of(name):
        return []
    return [Implausible(name, value, ranges.of(name))]


def implausible_measurement(
    height_cm: Decimal, weight_kg: Decimal, bsa_m2: Decimal, ranges: PlausibleRanges
) -> tuple[Implausible, ...]:
    return tuple(
        _outside("height", height_cm, ranges)
        + _outside("weight", weight_kg, ranges)
        + _outside("BSA", bsa_m2, ranges)
    )


def implausible_lab(result: LabResult, ranges: PlausibleRanges) -> tuple[Implausible, ...]:
    return tuple(
        _outside("ANC", result.anc_10e9_per_l, ranges)
        + _outside("platelets", result.platelets_10e9_per_l, ranges)
        + _outside("total bilirubin", result.total_bilirubin, ranges)
        + _outside("AST", result.ast_u_per_l, ranges)
        + _outside("ALT", result.alt_u_per_l, ranges)
        + _outside("peripheral blasts", result.peripheral_blasts_per_mm3, ranges)
    )


def confirmed_note(found: tuple[Implausible | WeightChanged, ...]) -> str:
    """The audit reason of a save the user confirmed."""
    ranges = [f.message for f in found if isinstance(f, Implausible)]
    changes = [f.message for f in found if isinstance(f, WeightChanged)]
    notes = ["Confirmed outside plausible range: " + "; ".join(ranges)] if ranges else []
    notes += ["Confirmed weight change: " + "; ".join(changes)] if changes else []
    return "; ".join(notes)
