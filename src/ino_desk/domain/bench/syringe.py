"""The pediatric syringe method (PI 3/2024 §2.4, "Syringe Administration"), site-entered.

ino-desk could not read the syringe method's parameters from the label, so it holds none: a
site administrator types them from the site's copy of the PI (`SyringeMethod`, in the site
settings, audited). Every number here is site-entered and unverified, and is printed so
wherever it is used. Without them, a dose whose bag would fall below the bag range stops.

How a syringe is made from them (the product's rule, stated in the label viewer): the
drug volume is drawn as for the bag (0.25 mg/mL reconstituted, PI 2.4) and diluted with the
bag's diluent to the *smallest* of the site's syringe volumes whose concentration lies in
the site's range, the point of a syringe being a small volume for a small child.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import Finding, Severity
from ino_desk.domain.quantities import (
    HUNDREDTH,
    TENTH,
    ceil_int,
    format_number,
    format_quantity,
    round_half_up,
)

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

SITE_ENTERED = "site-entered, unverified"
# Product plausibility limits on what an administrator may type (not clinical numbers): a
# syringe holds 1 to 60 mL, and a method names at most this many syringe sizes.
SYRINGE_VOLUME_LIMITS_ML = (Decimal(1), Decimal(60))
MAX_SYRINGE_VOLUMES = 6
# Concentrations are typed to 0.001 mg/mL at most; printed concentrations to 0.0001 mg/mL.
CONCENTRATION_STEP = Decimal("0.001")
SHOWN_CONCENTRATION_STEP = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class SyringeUse:
    """What one dose keeps of the method it was planned with: the site range it must lie in
    and the infusion time (its syringe volume is the dose's total volume)."""

    min_mg_per_ml: Decimal
    max_mg_per_ml: Decimal
    infusion_minutes: int

    def range_text(self) -> str:
        low, high = format_number(self.min_mg_per_ml), format_quantity(self.max_mg_per_ml, "mg/mL")
        return f"range {low}–{high}"

    def describe(self) -> str:
        """The method as printed wherever a dose uses it."""
        return (
            f"SYRINGE (PI 2.4 method, {SITE_ENTERED}): {self.range_text()}, "
            f"over {self.infusion_minutes} min"
        )


@dataclass(frozen=True, slots=True)
class SyringeMethod:
    """The site's syringe parameters as typed from its copy of the PI (no defaults)."""

    min_mg_per_ml: Decimal
    max_mg_per_ml: Decimal
    volumes_ml: tuple[Decimal, ...]
    infusion_minutes: int

    def __post_init__(self) -> None:
        for value, name in (
            (self.min_mg_per_ml, "syringe minimum concentration"),
            (self.max_mg_per_ml, "syringe maximum concentration"),
        ):
            if value <= 0 or value != round_half_up(value, CONCENTRATION_STEP):
                raise InputError(name, "must be more than 0 mg/mL, to 0.001 mg/mL at most")
        if self.min_mg_per_ml >= self.max_mg_per_ml:
            raise InputError(
                "syringe minimum concentration", "must be less than the maximum concentration"
            )
        low, high = SYRINGE_VOLUME_LIMITS_ML
        if not 1 <= len(self.volumes_ml) <= MAX_SYRINGE_VOLUMES:
            raise InputError("syringe volumes", f"name 1 to {MAX_SYRINGE_VOLUMES} volumes")
        if len(set(self.volumes_ml)) != len(self.volumes_ml):
            raise InputError("syringe volumes", "each volume once")
        for volume in self.volumes_ml:
            if not low <= volume <= high or volume != round_half_up(volume, TENTH):
                raise InputError(
                    "syringe volumes",
                    f"{format_number(volume)} mL is outside the allowed range "
                    f"{format_number(low)} to {format_number(high)} mL (to 0.1 mL)",
                )
        if self.infusion_minutes < 1:
            raise InputError("syringe infusion time", "must be 1 minute or more")
        # one order, smallest first, however typed: the same method compares equal
        object.__setattr__(self, "volumes_ml", tuple(sorted(self.volumes_ml)))

    def check_against(self, rules: ClinicalRules) -> None:
        """Limits the label pack sets on any method: nothing more concentrated than the
        reconstituted solution, no infusion longer than reconstitution-to-end allows."""
        reconstituted = rules.reconstituted_concentration_mg_per_ml
        if self.max_mg_per_ml > reconstituted.value:
            raise InputError(
                "syringe maximum concentration",
                f"allowed up to {format_quantity(reconstituted.value, 'mg/mL')}, the "
                f"reconstituted solution ({reconstituted.citation})",
            )
        to_end = rules.max_reconstitution_to_end_of_infusion_h
        if self.infusion_minutes > to_end.value * 60:
            raise InputError(
                "syringe infusion time",
                f"allowed 1 to {to_end.value * 60} minutes ({to_end.citation})",
            )

    def use(self) -> SyringeUse:
        return SyringeUse(self.min_mg_per_ml, self.max_mg_per_ml, self.infusion_minutes)

    def syringe_volume(self, dose_mg: Decimal) -> Decimal:
        """The smallest syringe whose concentration is in range; else the one nearest the
        range (smallest if every one is too dilute, largest if every one is too strong), so
        that the finding names the real problem."""
        ordered = self.volumes_ml
        for volume in ordered:
            # exact products, not a rounded quotient: min <= dose / V <= max
            if self.min_mg_per_ml * volume <= dose_mg <= self.max_mg_per_ml * volume:
                return volume
        return ordered[0] if dose_mg < self.min_mg_per_ml * ordered[0] else ordered[-1]

    def lines(self) -> tuple[str, ...]:
        volumes = ", ".join(format_number(v) for v in self.volumes_ml)
        return (
            f"Syringe method ({SITE_ENTERED}): concentration "
            f"{format_number(self.min_mg_per_ml)}–{format_quantity(self.max_mg_per_ml, 'mg/mL')},"
            f" syringes {volumes} mL, infused over {self.infusion_minutes} min",
        )


def syringe_rate_ml_per_h(total_volume_ml: Decimal, infusion_minutes: int) -> Decimal:
    """Rate = volume × 60 / minutes, rounded half up to 0.1 mL/h for the pump."""
    return round_half_up(total_volume_ml * 60 / infusion_minutes, TENTH)


def shown_concentration(dose_mg: Decimal, total_volume_ml: Decimal) -> Decimal:
    """dose / volume rounded half up to 0.0001 mg/mL (a syringe volume need not divide it)."""
    return round_half_up(dose_mg / total_volume_ml, SHOWN_CONCENTRATION_STEP)


def drug_volume_ml(rules: ClinicalRules, dose_mg: Decimal) -> Decimal:
    return round_half_up(dose_mg / rules.reconstituted_concentration_mg_per_ml.value, HUNDREDTH)


def vials_for(rules: ClinicalRules, dose_mg: Decimal) -> int:
    return ceil_int(dose_mg / rules.vial_strength_mg.value)


def syringe_findings(day: int, dose: Decimal, volume: Decimal, use: SyringeUse) -> list[Finding]:
    """The site's range, checked on exact products; the same severities as the bag's (below:
    a stop, as no syringe of the site's can be made; above: blocking, check the dose)."""
    low, high = use.min_mg_per_ml, use.max_mg_per_ml
    what = (
        f"Day {day}: {format_quantity(dose, 'mg')} in a "
        f"{format_quantity(volume, 'mL')} syringe is "
        f"{format_quantity(shown_concentration(dose, volume), 'mg/mL')}"
    )
    if dose < low * volume:
        return [
            Finding(
                "SYRINGE_CONCENTRATION_BELOW_RANGE",
                Severity.STOP,
                f"{what}, below the site's syringe minimum {format_quantity(low, 'mg/mL')} "
                f"({SITE_ENTERED}, PI 2.4): no syringe from the site's sizes holds this dose "
                "in range. Prepare it from the current PI.",
                "PI 2.4 (site-entered)",
            )
        ]
    if dose > high * volume:
        return [
            Finding(
                "SYRINGE_CONCENTRATION_ABOVE_RANGE",
                Severity.BLOCKING,
                f"{what}, above the site's syringe maximum {format_quantity(high, 'mg/mL')} "
                f"({SITE_ENTERED}, PI 2.4); check the dose.",
                "PI 2.4 (site-entered)",
            )
        ]
    return []
