"""Documents for a plan that is not saved (the `--demo` documents and the calculators).

Such a plan goes through the same records a saved plan becomes (`cycles.cycle_from_plan`,
`cycles.doses_from_plan`) and the same mapping and authority a stored cycle's documents use
(`cycle_facts`), so there is one way to put an order sheet or a bag label together. Like
saving it, printing it refuses a stop, and a blocking finding without a recorded override.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.bench.stored_preparation import stored_preparation
from ino_desk.domain.course_rules.history import CourseHistory, CycleHistory
from ino_desk.domain.cycles.course import Course
from ino_desk.domain.findings import RefusedError, Severity
from ino_desk.domain.patients.labs import Measurement
from ino_desk.domain.printed.documents import DocumentRefusedError, FindingLine
from ino_desk.services.paperwork.order_documents import assemble_order_sheet
from ino_desk.services.planning.cycle_facts import SheetCycle, cycle_facts, standing_findings
from ino_desk.services.planning.cycles import CycleInput, cycle_from_plan, doses_from_plan

if TYPE_CHECKING:
    from collections.abc import Set

    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.cycles.plan import CyclePlan
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.printed.bag_label import BagLabel
    from ino_desk.domain.printed.document_settings import DocumentSettings
    from ino_desk.domain.printed.documents import OrderSheet
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.paperwork.bag_label_assembly import BagInputs
    from ino_desk.services.paperwork.order_documents import OrderInputs

UNSAVED = "not saved"  # who "planned" a cycle that exists only on this printout


def build_order_sheet(
    rules: ClinicalRules, plan: CyclePlan, inputs: OrderInputs, settings: DocumentSettings
) -> OrderSheet:
    """The sealed sheet of an unsaved plan; the plan's own findings print with it."""
    overridden = {o.code for o in inputs.overrides}
    blocking = _refuse(plan, overridden)
    measured = Measurement(0, inputs.measured_on, inputs.height_cm, inputs.weight_kg)
    given = CycleInput(0, 0, plan.request.start, override_reason="; ".join(sorted(overridden)))
    cycle = replace(cycle_from_plan(plan, given, measured, blocking, UNSAVED), id=0)
    doses = _records(plan)
    course = Course(0, plan.request.start, plan.request.hsct_planned, plan.request.bsa_formula)
    sheet = SheetCycle(
        cycle,
        doses,
        plan.request.previous,
        plan.request.hsct_planned,
        CourseHistory(course, (CycleHistory(cycle, doses),)),
    )
    facts = cycle_facts(rules, sheet, standing_findings(rules, sheet))
    said = tuple(
        FindingLine(f.severity.value, f.code, f.message)
        for f in plan.findings
        if f.code not in overridden
    )
    return assemble_order_sheet(
        rules, replace(facts, findings=said + facts.findings), inputs, settings
    )


def build_bag_label(
    rules: ClinicalRules, plan: CyclePlan, inputs: BagInputs, settings: DocumentSettings
) -> BagLabel:
    """The sealed label of one day of an unsaved plan, as the stored bag would print it."""
    # Imported here: an order sheet needs no bag-label code (issue 17, command start-up).
    from ino_desk.services.paperwork.bag_label_assembly import assemble_bag_label

    _refuse(plan, inputs.overridden_codes)
    dose = next((d for d in _records(plan) if d.day == inputs.day), None)
    if dose is None:
        days = ", ".join(str(d.day) for d in plan.doses)
        raise DocumentRefusedError(
            f"cycle {plan.request.cycle} has no Day {inputs.day} dose ({days})"
        )
    return assemble_bag_label(
        rules, plan.request.cycle, stored_preparation(rules, dose), inputs, settings
    )


def _records(plan: CyclePlan) -> tuple[DoseDay, ...]:
    return tuple(replace(d, id=n) for n, d in enumerate(doses_from_plan(plan, 0), start=1))


def _refuse(plan: CyclePlan, overridden: Set[str]) -> tuple[Finding, ...]:
    """As saving the plan would: a stop refuses, a blocking finding unless it was overridden."""
    refusing = [
        f
        for f in plan.findings
        if f.stops or (f.severity is Severity.BLOCKING and f.code not in overridden)
    ]
    if refusing:
        raise RefusedError(refusing)
    return tuple(f for f in plan.findings if f.severity is Severity.BLOCKING)
