"""A whole cycle's plan: regimen row, dates and windows, doses, preparation and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.bench.dose_rounding import RoundedDose, apply_dose_rounding
from ino_desk.domain.bench.preparation import Preparation, concentration_findings
from ino_desk.domain.bench.syringe import SyringeMethod
from ino_desk.domain.bench.syringe_preparation import planned_preparation
from ino_desk.domain.cycles.cycle_limits import CycleOutcome, cycle_limit_findings
from ino_desk.domain.cycles.modifications import ReducedRegimen, ReductionLevel, reduce_regimen
from ino_desk.domain.cycles.regimen import ExtensionReason, RegimenChoice, select_regimen
from ino_desk.domain.cycles.schedule import DoseWindow, cycle_windows
from ino_desk.domain.findings import Finding, Severity
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.policy import DEFAULT_BSA_FORMULA, SitePolicy
from ino_desk.domain.quantities import (
    HUNDREDTH,
    format_number,
    format_quantity,
    percent_difference,
    round_half_up,
)

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


@dataclass(frozen=True, slots=True)
class CycleRequest:
    """Everything a pharmacist states to plan one cycle.

    `outcomes` holds the assessed outcome of each earlier cycle in order (cycle 1 first);
    None for a cycle whose outcome is not known here.
    """

    bsa_m2: Decimal
    cycle: int
    start: date
    bsa_formula: BsaFormula = DEFAULT_BSA_FORMULA
    outcomes: tuple[CycleOutcome | None, ...] = ()
    cycle_length_days: int | None = None
    extension_reason: ExtensionReason | None = None
    hsct_planned: bool | None = None
    policy: SitePolicy = field(default_factory=SitePolicy)
    course_first_bsa_m2: Decimal | None = None
    course_bsa_formula: BsaFormula | None = None
    reduction: ReductionLevel = ReductionLevel.FULL
    reduced_days: tuple[int, ...] = ()  # the pharmacist's choice at ReductionLevel.TWO_DOSES
    # The site-entered syringe method (PI 2.4), None while no administrator has entered it.
    syringe: SyringeMethod | None = None

    @property
    def previous(self) -> CycleOutcome | None:
        return self.outcomes[-1] if self.outcomes else None


@dataclass(frozen=True, slots=True)
class PlannedDose:
    day: int
    window: DoseWindow
    mg_per_m2: Decimal
    rounding: RoundedDose
    preparation: Preparation

    @property
    def dose_mg(self) -> Decimal:
        return self.preparation.dose_mg


@dataclass(frozen=True, slots=True)
class CyclePlan:
    request: CycleRequest
    regimen: RegimenChoice
    dosing_bsa_m2: Decimal
    doses: tuple[PlannedDose, ...]
    findings: tuple[Finding, ...]

    @property
    def total_mg(self) -> Decimal:
        return sum((d.dose_mg for d in self.doses), Decimal(0))

    @property
    def blocked(self) -> bool:
        return any(f.blocks for f in self.findings)


def plan_cycle(rules: ClinicalRules, request: CycleRequest) -> CyclePlan:
    """Compute the plan. A plan that breaks a rule is still computed, with blocking findings."""
    previous = request.previous
    regimen = select_regimen(
        rules,
        request.cycle,
        previous.response if previous else None,
        request.cycle_length_days,
        request.extension_reason,
    )
    findings: list[Finding] = []
    findings += _extension_findings(rules, request, regimen)
    findings += cycle_limit_findings(rules, request.cycle, request.hsct_planned, request.outcomes)
    dosing_bsa, bsa_findings = _dosing_bsa(request)
    findings += bsa_findings

    reduced = reduce_regimen(rules, regimen.row, request.reduction, request.reduced_days)
    findings += _reduction_findings(rules, reduced)
    doses_mg_per_m2 = dict(reduced.doses_mg_per_m2)
    doses: list[PlannedDose] = []
    for window in cycle_windows(rules, request.start):
        if window.day not in doses_mg_per_m2:
            continue
        mg_per_m2 = doses_mg_per_m2[window.day]
        calculated = round_half_up(dosing_bsa * mg_per_m2, HUNDREDTH)
        rounding = apply_dose_rounding(
            calculated, rules.vial_strength_mg.value, request.policy.dose_rounding
        )
        prep = planned_preparation(rules, rounding.final_mg, request.syringe)
        findings += concentration_findings(rules, window.day, prep)
        doses.append(PlannedDose(window.day, window, mg_per_m2, rounding, prep))
    if any(f.code.startswith("CONCENTRATION_") for f in findings):
        low = rules.min_concentration_mg_per_ml
        if not low.verified:
            findings.append(
                Finding(
                    "UNVERIFIED_CONSTANT",
                    Severity.INFO,
                    f"The concentration range is not confirmed on the label ({low.citation}).",
                    low.citation,
                )
            )
    return CyclePlan(request, regimen, dosing_bsa, tuple(doses), tuple(findings))


def _reduction_findings(rules: ClinicalRules, reduced: ReducedRegimen) -> list[Finding]:
    if reduced.level is ReductionLevel.FULL:
        return []
    if reduced.level is ReductionLevel.REDUCED_TOTAL:
        percent = rules.reduction_percent
        how = (
            f"total dose reduced by {format_number(percent.value)} %; the label does not say "
            "how to spread it, so each day is reduced alike (pharmacist's choice)"
        )
        citation = percent.citation
    else:
        count = rules.reduced_doses_per_cycle
        days = ", ".join(str(d) for d in reduced.chosen_days or ())
        how = f"{count.value} doses per cycle on days {days} (pharmacist's choice)"
        citation = count.citation
    return [
        Finding(
            "DOSE_REDUCED",
            Severity.INFO,
            f"Dose reduced for toxicity: {how} ({citation}).",
            citation,
        )
    ]


def _extension_findings(
    rules: ClinicalRules, request: CycleRequest, regimen: RegimenChoice
) -> list[Finding]:
    extended = rules.cycle1_extended_length_days
    if request.cycle != 1 or regimen.cycle_length_days != extended.value:
        return []
    if regimen.extension_reason is None:
        return [
            Finding(
                "CYCLE1_EXTENSION_REASON_MISSING",
                Severity.WARNING,
                f"Cycle 1 extended to {extended.value} days without a recorded reason; the label "
                f"allows it for CR/CRi or recovery from toxicity ({extended.citation}).",
                extended.citation,
            )
        ]
    return [
        Finding(
            "CYCLE1_EXTENDED",
            Severity.INFO,
            f"Cycle 1 extended to {extended.value} days: {regimen.extension_reason.display_name} "
            f"({extended.citation}).",
            extended.citation,
        )
    ]


def _dosing_bsa(request: CycleRequest) -> tuple[Decimal, list[Finding]]:
    findings: list[Finding] = []
    policy = request.policy
    bsa = request.bsa_m2
    if policy.bsa_cap_m2 is not None and bsa > policy.bsa_cap_m2:
        findings.append(
            Finding(
                "BSA_CAPPED",
                Severity.WARNING,
                f"BSA {format_quantity(bsa, 'm²')} capped at "
                f"{format_quantity(policy.bsa_cap_m2, 'm²')} by site policy (not a label rule).",
                "site policy",
            )
        )
        bsa = policy.bsa_cap_m2
    first = request.course_first_bsa_m2
    if first is not None and first > 0:
        change = percent_difference(request.bsa_m2, first)
        # exact ratio, not the displayed 0.1 %: a 10.04 % change shows as 10 % but is > 10 %
        if abs(request.bsa_m2 - first) * 100 > policy.bsa_change_alert_percent * first:
            findings.append(
                Finding(
                    "BSA_CHANGED",
                    Severity.WARNING,
                    f"BSA {format_quantity(request.bsa_m2, 'm²')} differs by "
                    f"{format_number(change)} % from the course's first BSA "
                    f"{format_quantity(first, 'm²')}: confirm height and weight and whether "
                    "to recalculate.",
                    "site policy",
                )
            )
    locked = request.course_bsa_formula
    if locked is not None and locked != request.bsa_formula:
        findings.append(
            Finding(
                "BSA_FORMULA_CHANGED",
                Severity.WARNING,
                f"BSA computed with {request.bsa_formula.display_name}, but the course is "
                f"locked to {locked.display_name}.",
                "site policy",
            )
        )
    return bsa, findings
