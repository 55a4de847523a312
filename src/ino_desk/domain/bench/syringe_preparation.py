"""How a dose is prepared when planned: the label's 50 mL bag, or — only for a dose the bag
cannot hold in range, and only with the site's parameters — a syringe (PI 3/2024 2.4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.bench.preparation import Preparation, prepare
from ino_desk.domain.bench.syringe import (
    SyringeMethod,
    SyringeUse,
    drug_volume_ml,
    shown_concentration,
    syringe_rate_ml_per_h,
    vials_for,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from ino_desk.domain.rules import ClinicalRules


def below_bag_range(rules: ClinicalRules, prep: Preparation) -> bool:
    return prep.syringe is None and prep.concentration_mg_per_ml < (
        rules.min_concentration_mg_per_ml.value
    )


def prepare_syringe(
    rules: ClinicalRules, dose_mg: Decimal, use: SyringeUse, volume_ml: Decimal
) -> Preparation:
    """The dose drawn as for the bag and diluted to `volume_ml` in a syringe."""
    vials = vials_for(rules, dose_mg)
    drug_ml = drug_volume_ml(rules, dose_mg)
    return Preparation(
        dose_mg=dose_mg,
        vials=vials,
        discarded_mg=vials * rules.vial_strength_mg.value - dose_mg,
        drug_volume_ml=drug_ml,
        diluent_ml=volume_ml - drug_ml,
        total_volume_ml=volume_ml,
        concentration_mg_per_ml=shown_concentration(dose_mg, volume_ml),
        infusion_minutes=use.infusion_minutes,
        rate_ml_per_h=syringe_rate_ml_per_h(volume_ml, use.infusion_minutes),
        syringe=use,
    )


def planned_preparation(
    rules: ClinicalRules, dose_mg: Decimal, syringe: SyringeMethod | None
) -> Preparation:
    """The bag; a syringe only for a dose the bag cannot hold in range, and only with the
    site's parameters (PI 2.4: the syringe method is for small children)."""
    bag = prepare(rules, dose_mg)
    if syringe is None or not below_bag_range(rules, bag):
        return bag
    return prepare_syringe(rules, dose_mg, syringe.use(), syringe.syringe_volume(dose_mg))
