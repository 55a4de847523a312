"""From a dose in mg to what goes in the bag, and the clock from reconstitution (PI 2.4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from ino_desk.domain.bench.syringe import SyringeUse, syringe_findings
from ino_desk.domain.findings import Finding, Severity
from ino_desk.domain.quantities import HUNDREDTH, ceil_int, format_quantity, round_half_up

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules, Fact


@dataclass(frozen=True, slots=True)
class Preparation:
    """Volumes and vials for one dose, all in Decimal and already rounded for display.

    `syringe` None: the label's 50 mL infusion bag; else the site-entered syringe method the
    dose was planned with (its range and infusion time; the volume is `total_volume_ml`).
    """

    dose_mg: Decimal
    vials: int
    discarded_mg: Decimal
    drug_volume_ml: Decimal
    diluent_ml: Decimal
    total_volume_ml: Decimal
    concentration_mg_per_ml: Decimal
    infusion_minutes: int
    rate_ml_per_h: Decimal
    syringe: SyringeUse | None = None

    @property
    def container(self) -> str:
        return "syringe" if self.syringe is not None else "bag"


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
    """Block a bag (or syringe) whose concentration falls outside its range, and say why."""
    if prep.syringe is not None:
        return syringe_findings(day, prep.dose_mg, prep.total_volume_ml, prep.syringe)
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
                "patients whose parameters ino-desk could not read from the label, and the "
                "syringe method is not configured: no site administrator has entered its "
                "parameters (Site settings), so ino-desk cannot plan this dose. Prepare it "
                "from the current PI.",
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


class DilutedStorage(StrEnum):
    """Where the diluted bag waits for its infusion (PI 2.4, Table 6); the preparer says which."""

    ROOM_TEMPERATURE = "room"
    REFRIGERATED = "refrigerated"


@dataclass(frozen=True, slots=True)
class Dilution:
    """When the bag was diluted and how it is kept. `storage` None: not recorded (rows stored
    before it was asked), which counts as the shorter of the two storage limits."""

    at: datetime
    storage: DilutedStorage | None


def storage_limit(
    rules: ClinicalRules, storage: DilutedStorage | None
) -> tuple[DilutedStorage, Fact[int]]:
    """The diluted bag's own limit, and the storage it is counted as.

    A storage not recorded is counted as the one with the shorter limit (refrigerated in the
    3/2024 pack): without knowing where the bag was, only the shorter limit is safe.
    """
    limits = {
        DilutedStorage.ROOM_TEMPERATURE: rules.diluted_room_temperature_max_h,
        DilutedStorage.REFRIGERATED: rules.diluted_refrigerated_max_h,
    }
    counted = storage if storage is not None else min(limits, key=lambda s: limits[s].value)
    return counted, limits[counted]


@dataclass(frozen=True, slots=True)
class Deadlines:
    """Beyond-use times counted from the recorded reconstitution and dilution (timezone-aware).

    `latest_start` is when an infusion must start at the latest to end within the limit from
    reconstitution; `start_by` (once diluted) also keeps the diluted bag's storage limit.
    """

    reconstituted_at: datetime
    dilute_by: datetime
    complete_by: datetime
    latest_start: datetime
    dilution: Dilution | None = None
    start_by: datetime | None = None  # None until diluted


def deadlines(
    rules: ClinicalRules,
    reconstituted_at: datetime,
    dilution: Dilution | None = None,
    infusion_minutes: int | None = None,
) -> Deadlines:
    """The one place the bag's limits are computed (PI 2.4, Table 6):

    dilute by   = reconstitution + max_reconstitution_to_dilution_h (4 h)
    complete by = reconstitution + max_reconstitution_to_end_of_infusion_h (8 h)
    start by    = min(dilution + the storage's limit (room 4 h, refrigerated 3 h),
                      complete by − infusion_minutes (60 min))

    The 8 h run to the END of the infusion, so an infusion started later than complete-by
    minus its own duration would end past the limit; and the diluted bag itself may only wait
    its storage limit, whichever comes first. A refrigerated bag's ~1 h warm-up is advice
    printed with it, not subtracted: the pack does not say that the 3 h exclude it.
    `infusion_minutes` is the dose's own infusion time (a syringe's, site-entered); None:
    the pack's.
    """
    if reconstituted_at.tzinfo is None:
        raise ValueError("reconstitution time must carry its timezone")
    if dilution is not None and dilution.at.tzinfo is None:
        raise ValueError("dilution time must carry its timezone")
    to_dilution = timedelta(hours=rules.max_reconstitution_to_dilution_h.value)
    to_end = timedelta(hours=rules.max_reconstitution_to_end_of_infusion_h.value)
    infusion = timedelta(minutes=_minutes(rules, infusion_minutes))
    # Aware datetimes in one ZoneInfo add wall-clock time, which is off by an hour across a
    # DST change; add real elapsed time in UTC, then show it in the caller's zone again.
    zone = reconstituted_at.tzinfo
    start = reconstituted_at.astimezone(UTC)
    complete_by = start + to_end
    latest_start = complete_by - infusion
    start_by = None
    if dilution is not None:
        _, kept = storage_limit(rules, dilution.storage)
        stored_until = dilution.at.astimezone(UTC) + timedelta(hours=kept.value)
        start_by = min(stored_until, latest_start).astimezone(zone)
    return Deadlines(
        reconstituted_at,
        (start + to_dilution).astimezone(zone),
        complete_by.astimezone(zone),
        latest_start.astimezone(zone),
        dilution,
        start_by,
    )


def _kept(storage: DilutedStorage | None, counted: DilutedStorage) -> str:
    where = "at room temperature" if counted is DilutedStorage.ROOM_TEMPERATURE else "refrigerated"
    if storage is None:
        return f"with its storage not recorded (counted as {where}, the shorter limit)"
    return f"kept {where}"


def _minutes(rules: ClinicalRules, infusion_minutes: int | None) -> int:
    return rules.infusion_minutes.value if infusion_minutes is None else infusion_minutes


def deadline_findings(
    rules: ClinicalRules,
    limits: Deadlines,
    *,
    now: datetime,
    infusion_minutes: int | None = None,
) -> list[Finding]:
    """Blocking when dilution came too late, the diluted bag waited past its storage limit,
    or the infusion cannot end within the limit from reconstitution."""
    findings: list[Finding] = []
    dil = rules.max_reconstitution_to_dilution_h
    end = rules.max_reconstitution_to_end_of_infusion_h
    dilution = limits.dilution
    dilution_time = dilution.at if dilution is not None else now
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
    if dilution is not None:
        counted, kept = storage_limit(rules, dilution.storage)
        # In UTC: adding hours to a local wall clock would be off by one across a DST change.
        if now.astimezone(UTC) > dilution.at.astimezone(UTC) + timedelta(hours=kept.value):
            findings.append(
                Finding(
                    "DILUTED_STORAGE_EXCEEDED",
                    Severity.BLOCKING,
                    f"Diluted bag {_kept(dilution.storage, counted)}: more than {kept.value} "
                    f"hours since dilution ({kept.citation}); its start-infusion-by time has "
                    "passed, discard it.",
                    kept.citation,
                )
            )
    minutes = _minutes(rules, infusion_minutes)
    if now + timedelta(minutes=minutes) > limits.complete_by:
        findings.append(
            Finding(
                "INFUSION_TIME_EXCEEDED",
                Severity.BLOCKING,
                f"A {minutes}-minute infusion started now would end more "
                f"than {end.value} hours after reconstitution ({end.citation}).",
                end.citation,
            )
        )
    return findings
