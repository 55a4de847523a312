"""Typed clinical constants of one label revision, as loaded from the label pack.

Nothing in the domain writes a clinical number itself: every rule takes a `ClinicalRules`
and reads the number, its PI section and its confidence from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Mark(StrEnum):
    """Confidence of a fact (CLINICAL-RULES.md): label, compendium, unconfirmed."""

    LABEL = "L"
    COMPENDIUM = "C"
    UNCONFIRMED = "U"


@dataclass(frozen=True, slots=True)
class Fact(Generic[T]):
    """One clinical number with where it comes from and whether it was confirmed."""

    value: T
    unit: str
    section: str
    mark: Mark
    verified: bool
    text: str = ""

    @property
    def citation(self) -> str:
        """`PI 2.4`, plus a visible mark when the value was never confirmed on the label."""
        base = f"PI {self.section}"
        return base if self.verified else f"{base}, unconfirmed: verify against the current PI"

    @property
    def short_citation(self) -> str:
        """`PI 2.4`, or `PI 2.4, unconfirmed` where a bag label has no room for the rest."""
        base = f"PI {self.section}"
        return base if self.verified else f"{base}, unconfirmed"


@dataclass(frozen=True, slots=True)
class RegimenRow:
    """One row of PI Table 1: doses in mg/m² by cycle day, and the cycle length."""

    key: str
    applies_to: str
    doses_mg_per_m2: tuple[tuple[int, Decimal], ...]
    cycle_length_days: int
    section: str
    mark: Mark
    verified: bool

    @property
    def total_mg_per_m2(self) -> Decimal:
        return sum((dose for _, dose in self.doses_mg_per_m2), Decimal(0))


@dataclass(frozen=True, slots=True)
class PackInfo:
    """Which label the constants come from."""

    drug: str
    brand: str
    jurisdiction: str
    revision: str
    bla: str
    dailymed_setid: str
    spl_date: str
    written: str


@dataclass(frozen=True, slots=True)
class ClinicalRules:
    """Every clinical constant of the label revision. Field names match the pack's keys."""

    info: PackInfo
    regimen_cycle1: RegimenRow
    regimen_later_cr_cri: RegimenRow
    regimen_later_no_response: RegimenRow

    min_age_years: Fact[int]
    dose_days: Fact[tuple[int, ...]]
    cycle1_extended_length_days: Fact[int]
    treatment_free_interval_start_day: Fact[int]
    dose_window_days: Fact[int]
    min_days_between_doses: Fact[int]

    max_cycles_hsct: Fact[int]
    max_cycles_hsct_without_mrd_negative_cr: Fact[int]
    max_cycles_no_hsct: Fact[int]
    response_deadline_cycles: Fact[int]

    cr_marrow_blasts_below_percent: Fact[Decimal]
    cr_platelets_min_10e9_per_l: Fact[Decimal]
    cr_anc_min_10e9_per_l: Fact[Decimal]

    observation_after_infusion_min: Fact[int]
    cytoreduction_max_blasts_per_mm3: Fact[Decimal]

    anc_threshold_10e9_per_l: Fact[Decimal]
    platelet_threshold_10e9_per_l: Fact[Decimal]
    persistent_low_counts_days: Fact[int]
    bilirubin_hold_x_uln: Fact[Decimal]
    ast_alt_hold_x_uln: Fact[Decimal]
    nonhematologic_hold_from_grade: Fact[int]
    nonhematologic_resume_grade: Fact[int]

    interruption_delay_below_days: Fact[int]
    interruption_omit_from_days: Fact[int]
    interruption_reduce_from_days: Fact[int]
    reduction_percent: Fact[Decimal]
    reduced_doses_per_cycle: Fact[int]
    interruption_consider_stop_above_days: Fact[int]

    vial_strength_mg: Fact[Decimal]
    reconstitution_volume_ml: Fact[Decimal]
    reconstituted_concentration_mg_per_ml: Fact[Decimal]
    deliverable_volume_ml: Fact[Decimal]
    bag_total_volume_ml: Fact[Decimal]
    diluent_sodium_chloride_percent: Fact[Decimal]
    min_concentration_mg_per_ml: Fact[Decimal]
    max_concentration_mg_per_ml: Fact[Decimal]
    infusion_minutes: Fact[int]
    infusion_rate_ml_per_h: Fact[Decimal]
    max_reconstitution_to_dilution_h: Fact[int]
    max_reconstitution_to_end_of_infusion_h: Fact[int]
    reconstituted_refrigerated_max_h: Fact[int]
    diluted_room_temperature_max_h: Fact[int]
    diluted_refrigerated_max_h: Fact[int]
    refrigerated_bag_warm_up_h: Fact[int]
    refrigerated_min_c: Fact[Decimal]  # PI 2.4, 16: intact vials and solutions
    refrigerated_max_c: Fact[Decimal]
    room_temperature_min_c: Fact[Decimal]  # PI 2.4: infusion at room temperature
    room_temperature_max_c: Fact[Decimal]
    intact_vial_storage: Fact[str]  # PI 16: how intact vials are kept, besides the range
    contraindications: Fact[str]  # PI 4
    product_ndc: Fact[str]
    product_gtin: Fact[str]

    contraception_female_months: Fact[int]
    contraception_male_months: Fact[int]
    no_breastfeeding_months: Fact[int]
    renal_no_change_crcl_min_ml_per_min: Fact[Decimal]
    renal_no_change_crcl_max_ml_per_min: Fact[Decimal]
