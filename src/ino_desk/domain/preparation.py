"""From a dose in mg to what goes in the bag, and the clock from reconstitution (PI 2.4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.findings import Finding, Severity
from ino_desk.domain.quantities import HUNDREDTH, ceil_int, format_quantity, round_half_up

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


@dataclass(frozen=True, slots=True)
class Preparation:
    """Volumes and vials for one dose, all in Decimal and already rounded for display."""

    dose_mg: Decimal
    vials: int
    discarded_mg: Decimal
    drug_volume_ml: Decimal
    diluent_ml: Decimal
    total_volume_ml: Decimal
    concentration_mg_per_ml: Decimal
    infusion_minutes: int
    rate_ml_per_h: Decimal


def prepare(rules: ClinicalRules, dose_mg: Decimal) -> Preparation:
    """Vials, drug volume (0.25 mg/mL), diluent to the 50 mL total and the concentration."""
    vial = rules.vial_strength_mg.value
    vials = ceil_int(dose_mg / vial)
    drug_ml = round_half_up(dose_mg / rules.reconstituted_concentration_mg_per_ml.value, HUNDREDTH)
    total = rules.bag_total_volume_ml.value
    return Preparation(
        dose_mg=dose_mg,
        vials=vials,
        discarded_mg=vials * vial - dose_mg,
        drug_volume_ml=drug_ml,
        diluent_ml=total - drug_ml,
        total_volume_ml=total,
        # dose has 2 decimals and the bag 50 mL, so this quotient is exact; no rounding needed
        concentration_mg_per_ml=dose_mg / total,
        infusion_minutes=rules.infusion_minutes.value,
        rate_ml_per_h=rules.infusion_rate_ml_per_h.value,
    )


def concentration_findings(rules: ClinicalRules, day: int, prep: Preparation) -> list[Finding]:
    """Block a bag whose concentration falls outside the pack's range, and say why."""
    low, high = rules.min_concentration_mg_per_ml, rules.max_concentration_mg_per_ml
    conc = prep.concentration_mg_per_ml
    shown = format_quantity(conc, "mg/mL")
    if conc < low.value:
        return [
            # A stop, not an override: the bag would be outside the label's range, and the
            # PI's syringe method for small patients has no parameters ino-desk could read.
            Finding(
                "CONCENTRATION_BELOW_RANGE",
                Severity.STOP,
                f"Day {day}: {format_quantity(prep.dose_mg, 'mg')} in "
                f"{format_quantity(prep.total_volume_ml, 'mL')} is {shown}, below "
                f"{format_quantity(low.value, 'mg/mL')} ({low.citation}): no infusion bag can "
                "be made for this dose. The 3/2024 PI (2.4) adds a syringe method for small "
                "patients whose parameters ino-desk does not have; no site has entered them, "
                "so ino-desk cannot plan this dose. Prepare it from the current PI.",
                low.citation,
            )
        ]
    if conc > high.value:
        return [
            Finding(
                "CONCENTRATION_ABOVE_RANGE",
                Severity.BLOCKING,
                f"Day {day}: {format_quantity(prep.dose_mg, 'mg')} in "
                f"{format_quantity(prep.total_volume_ml, 'mL')} is {shown}, above "
                f"{format_quantity(high.value, 'mg/mL')} ({high.citation}); check the dose.",
                high.citation,
            )
        ]
    return []


@dataclass(frozen=True, slots=True)
class Deadlines:
    """Beyond-use times counted from the recorded reconstitution (timezone-aware)."""

    reconstituted_at: datetime
    dilute_by: datetime
    complete_by: datetime


def deadlines(rules: ClinicalRules, reconstituted_at: datetime) -> Deadlines:
    if reconstituted_at.tzinfo is None:
        raise ValueError("reconstitution time must carry its timezone")
    dilution = timedelta(hours=rules.max_reconstitution_to_dilution_h.value)
    end = timedelta(hours=rules.max_reconstitution_to_end_of_infusion_h.value)
    # Aware datetimes in one ZoneInfo add wall-clock time, which is off by an hour across a
    # DST change; add real elapsed time in UTC, then show it in the caller's zone again.
    zone = reconstituted_at.tzinfo
    start = reconstituted_at.astimezone(UTC)
    return Deadlines(
        reconstituted_at, (start + dilution).astimezone(zone), (start + end).astimezone(zone)
    )


def deadline_findings(
    rules: ClinicalRules,
    limits: Deadlines,
    *,
    diluted_at: datetime | None,
    now: datetime,
) -> list[Finding]:
    """Blocking when dilution came too late or the infusion cannot end within the limit."""
    findings: list[Finding] = []
    dil = rules.max_reconstitution_to_dilution_h
    end = rules.max_reconstitution_to_end_of_infusion_h
    dilution_time = diluted_at if diluted_at is not None else now
    if dilution_time > limits.dilute_by:
        findings.append(
            Finding(
                "DILUTION_TIME_EXCEEDED",
                Severity.BLOCKING,
                f"More than {dil.value} hours between reconstitution and dilution "
                f"({dil.citation}): the drug must be discarded.",
                dil.citation,
            )
        )
    infusion = timedelta(minutes=rules.infusion_minutes.value)
    if now + infusion > limits.complete_by:
        findings.append(
            Finding(
                "INFUSION_TIME_EXCEEDED",
                Severity.BLOCKING,
                f"A {rules.infusion_minutes.value}-minute infusion started now would end more "
                f"than {end.value} hours after reconstitution ({end.citation}).",
                end.citation,
            )
        )
    return findings
