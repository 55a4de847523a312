"""A course of treatment, its cycles and each cycle's dose days, as stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ino_desk.domain.bench.syringe import SyringeUse
from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.regimen import ExtensionReason, Response
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.patients.corrections import EnteredInError
from ino_desk.domain.patients.patient import optional_text, required_text

# Plausibility limit for a typed creatinine clearance (product requirement, not a label rule):
# a value outside it is a typing error. Which CrCl the label has data for lives in the pack.
CRCL_ML_PER_MIN_LIMITS = (0, 300)


@dataclass(frozen=True, slots=True)
class Course:
    """The BSA formula is locked for the course; `first_bsa_m2` is set by its first cycle.

    The clinical facts the pre-dose gates need and no lab row carries are recorded here by a
    pharmacist (`facts_recorded_by`): a VOD/SOS diagnosis (date and who diagnosed it), the
    date ANC or platelets first fell below the label's thresholds, CrCl and dialysis.
    """

    patient_id: int
    started_on: date
    hsct_planned: bool | None
    bsa_formula: BsaFormula
    first_bsa_m2: Decimal | None = None
    vod_diagnosed_on: date | None = None
    vod_diagnosed_by: str | None = None
    low_counts_since: date | None = None
    crcl_ml_per_min: int | None = None
    on_dialysis: bool | None = None
    facts_recorded_by: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if self.vod_diagnosed_on is not None:
            required_text(self.vod_diagnosed_by or "", "VOD diagnosed by", 100)
        low, high = CRCL_ML_PER_MIN_LIMITS
        if self.crcl_ml_per_min is not None and not low < self.crcl_ml_per_min <= high:
            raise InputError(
                "CrCl",
                f"{self.crcl_ml_per_min} mL/min is outside the allowed range {low} to {high}",
            )


@dataclass(frozen=True, slots=True)
class Cycle:
    """One planned cycle. Regimen, BSA and doses come from `domain.plan.plan_cycle`.

    `overridden_findings` lists the codes of blocking findings a pharmacist chose to override,
    with `override_reason` and `planned_by` saying why and who.
    """

    course_id: int
    number: int
    start: date
    length_days: int
    extension_reason: ExtensionReason | None
    regimen_row: str
    bsa_formula: BsaFormula
    bsa_m2: Decimal
    dosing_bsa_m2: Decimal
    height_cm: Decimal
    weight_kg: Decimal
    planned_by: str
    overridden_findings: tuple[str, ...] = ()
    override_reason: str = ""
    response: Response | None = None
    mrd_negative: bool | None = None
    reduction_level: ReductionLevel = ReductionLevel.FULL
    # The site policy the doses were computed under, as printed ("label: value" lines), so a
    # later settings change never rewrites what a stored order sheet says was used. None: a
    # cycle planned before ino-desk kept it.
    site_policy: tuple[str, ...] | None = None
    id: int | None = None
    # Who ordered the cycle (a prescriber is not a user of the app): name and an identifier
    # such as an NPI or licence number, as typed. "" on cycles planned before r0017.
    prescriber_name: str = ""
    prescriber_id: str = ""

    def __post_init__(self) -> None:
        if self.number < 1:
            raise InputError("cycle", "must be 1 or more")
        if self.overridden_findings and not self.override_reason.strip():
            raise InputError("override reason", "required to override a blocking finding")
        optional_text(self.override_reason, "override reason")
        optional_text(self.prescriber_name, "prescriber", 100)
        optional_text(self.prescriber_id, "prescriber ID", 40)

    @property
    def outcome(self) -> CycleOutcome:
        return CycleOutcome(self.response, self.mrd_negative)


class DoseStatus(StrEnum):
    PLANNED = "planned"
    GIVEN = "given"
    HELD = "held"
    OMITTED = "omitted"
    REDUCED = "reduced"

    @property
    def needs_reason(self) -> bool:
        return self in {DoseStatus.HELD, DoseStatus.OMITTED, DoseStatus.REDUCED}


@dataclass(frozen=True, slots=True)
class DoseDay:
    """One dose of a cycle with its window, amounts and what became of it.

    Held, omitted and reduced doses carry the reason, who decided and when (UTC).
    """

    cycle_id: int
    day: int
    planned_date: date
    window_start: date
    window_end: date
    mg_per_m2: Decimal
    calculated_mg: Decimal
    dose_mg: Decimal
    vials: int
    drug_volume_ml: Decimal
    diluent_ml: Decimal
    total_volume_ml: Decimal
    status: DoseStatus = DoseStatus.PLANNED
    # The dose before a reduction for toxicity was recorded: the course's dose level then
    # never returns above it (PI 2.3). Kept when the reduced dose is later given.
    reduced_from_mg: Decimal | None = None
    # An interruption for toxicity (PI 2.3): the day the held dose was due, and the day the
    # hold was released (None while it stands). Their length decides delay, omit or reduce.
    held_on: date | None = None
    released_on: date | None = None
    reason: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None
    # Recorded after a downtime: the time written on the paper record (decided_at is the entry).
    paper_time: datetime | None = None
    # Prepared in a syringe with the site-entered method (PI 2.4) as it stood when planned:
    # its range and infusion time. All None: the label's infusion bag.
    syringe_min_mg_per_ml: Decimal | None = None
    syringe_max_mg_per_ml: Decimal | None = None
    syringe_infusion_minutes: int | None = None
    id: int | None = None
    # A status recorded in error (given, omitted) and the mark saying so; the dose is open
    # again. The audit keeps every earlier status; the row keeps the last one corrected.
    error_status: DoseStatus | None = None
    entered_in_error: EnteredInError | None = None

    @property
    def syringe(self) -> SyringeUse | None:
        low, high = self.syringe_min_mg_per_ml, self.syringe_max_mg_per_ml
        minutes = self.syringe_infusion_minutes
        if low is None or high is None or minutes is None:
            return None
        return SyringeUse(low, high, minutes)

    def __post_init__(self) -> None:
        syringe = (
            self.syringe_min_mg_per_ml,
            self.syringe_max_mg_per_ml,
            self.syringe_infusion_minutes,
        )
        if any(v is None for v in syringe) and any(v is not None for v in syringe):
            raise InputError("syringe method", "needs its range and infusion time together")
        if self.status.needs_reason and not self.reason.strip():
            raise InputError("reason", f"a {self.status.value} dose needs a reason")
        if self.status is not DoseStatus.PLANNED and not self.decided_by.strip():
            raise InputError("decided by", "name who decided")
        if self.decided_at is not None and self.decided_at.tzinfo is None:
            raise InputError("decided at", "must carry its timezone")
        if self.paper_time is not None and self.paper_time.tzinfo is None:
            raise InputError("paper time", "must carry its timezone")
        if not self.window_start <= self.planned_date <= self.window_end:
            raise InputError("planned date", "must lie inside the dose window")
