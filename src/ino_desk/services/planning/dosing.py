"""Use case: calculate a cycle's doses and preparation from measurements (no storage)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.plan import CyclePlan, CycleRequest, plan_cycle
from ino_desk.domain.cycles.regimen import ExtensionReason, Response
from ino_desk.domain.findings import Finding
from ino_desk.domain.patients.bsa import BsaFormula, body_surface_area
from ino_desk.domain.patients.measurements import HeightWeight, atypical_measurement_findings
from ino_desk.domain.policy import SitePolicy

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


@dataclass(frozen=True, slots=True)
class DoseQuery:
    """Validated input of a dose calculation (validation happens where the text was typed)."""

    measurements: HeightWeight
    cycle: int
    start: date
    bsa_formula: BsaFormula
    previous_response: Response | None = None
    previous_mrd_negative: bool | None = None
    cycle_length_days: int | None = None
    extension_reason: ExtensionReason | None = None
    hsct_planned: bool | None = None
    policy: SitePolicy = field(default_factory=SitePolicy)


@dataclass(frozen=True, slots=True)
class DoseCalculation:
    bsa_m2: Decimal
    plan: CyclePlan
    findings: tuple[Finding, ...]


def calculate_cycle(rules: ClinicalRules, query: DoseQuery) -> DoseCalculation:
    """BSA, then the cycle plan; all findings (measurements first) in one list."""
    m = query.measurements
    bsa = body_surface_area(m.height_cm, m.weight_kg, query.bsa_formula)
    outcomes: tuple[CycleOutcome | None, ...] = ()
    if query.cycle > 1:
        # Only the previous cycle is known here; earlier ones are unknown, not "no response".
        last = CycleOutcome(query.previous_response, query.previous_mrd_negative)
        outcomes = (None,) * (query.cycle - 2) + (last,)
    request = CycleRequest(
        bsa_m2=bsa,
        cycle=query.cycle,
        start=query.start,
        bsa_formula=query.bsa_formula,
        outcomes=outcomes,
        cycle_length_days=query.cycle_length_days,
        extension_reason=query.extension_reason,
        hsct_planned=query.hsct_planned,
        policy=query.policy,
    )
    plan = plan_cycle(rules, request)
    findings = tuple(atypical_measurement_findings(m)) + plan.findings
    return DoseCalculation(bsa, plan, findings)
