"""A dose's preparation as it was decided when the cycle was planned, from its stored row.

Every reader (bench, labels, order sheet, waste) takes the bag or syringe from here, never by
computing a new 50 mL bag from the dose: the method and its parameters are the dose's own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.bench.preparation import Preparation, prepare
from ino_desk.domain.bench.syringe import shown_concentration, syringe_rate_ml_per_h
from ino_desk.domain.bench.syringe_preparation import prepare_syringe

if TYPE_CHECKING:
    from decimal import Decimal

    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.rules import ClinicalRules


def stored_preparation(rules: ClinicalRules, dose: DoseDay) -> Preparation:
    """The bag or syringe as saved; a bag's fixed infusion time and rate come from the pack,
    a syringe's from the method the dose kept."""
    syringe = dose.syringe
    if syringe is None:
        concentration = dose.dose_mg / dose.total_volume_ml
        minutes, rate = rules.infusion_minutes.value, rules.infusion_rate_ml_per_h.value
    else:
        concentration = shown_concentration(dose.dose_mg, dose.total_volume_ml)
        minutes = syringe.infusion_minutes
        rate = syringe_rate_ml_per_h(dose.total_volume_ml, minutes)
    return Preparation(
        dose_mg=dose.dose_mg,
        vials=dose.vials,
        discarded_mg=dose.vials * rules.vial_strength_mg.value - dose.dose_mg,
        drug_volume_ml=dose.drug_volume_ml,
        diluent_ml=dose.diluent_ml,
        total_volume_ml=dose.total_volume_ml,
        concentration_mg_per_ml=concentration,
        infusion_minutes=minutes,
        rate_ml_per_h=rate,
        syringe=syringe,
    )


def prepared_again(rules: ClinicalRules, dose: DoseDay, dose_mg: Decimal) -> DoseDay:
    """The dose with a new amount (a reduction, or its undoing) made the same way: the same
    syringe volume and method, or the label's bag; its range is checked again wherever it is
    used. Only the amount and the bag's figures change; the caller says what it reduces."""
    syringe = dose.syringe
    prep = (
        prepare(rules, dose_mg)
        if syringe is None
        else prepare_syringe(rules, dose_mg, syringe, dose.total_volume_ml)
    )
    return replace(
        dose,
        dose_mg=prep.dose_mg,
        vials=prep.vials,
        drug_volume_ml=prep.drug_volume_ml,
        diluent_ml=prep.diluent_ml,
        total_volume_ml=prep.total_volume_ml,
    )
