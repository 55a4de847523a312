"""The one clinical authority: the findings of any action on a course, from its whole history.

Every screen, command and service asks `findings_for` before it acts and `enforce` to decide:
a stop refuses whatever is typed, a blocking finding refuses unless a pharmacist types an
override reason (kept with the record and printed where it applies), a warning informs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.course_rules.actions import DoseAct, DoseAction, PlanCycle, PrintOrderSheet
from ino_desk.domain.course_rules.gates import gate_findings
from ino_desk.domain.course_rules.interruptions import (
    next_cycle_findings,
    within_cycle_findings,
)
from ino_desk.domain.course_rules.timeline import cycle_start_findings, date_findings
from ino_desk.domain.cycles.checks import vod_stop_finding
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import Finding, RefusedError, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ino_desk.domain.course_rules.actions import Action
    from ino_desk.domain.course_rules.history import CourseHistory, CycleHistory
    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.rules import ClinicalRules

# Acts that bring a dose closer to the patient: they meet the pre-dose gates.
_TOWARD_PATIENT = frozenset(
    {DoseAct.GIVE, DoseAct.VERIFY, DoseAct.PREPARE, DoseAct.DOUBLE_CHECK, DoseAct.BAG_LABEL}
)
# Acts done on the dose's own day only: a bag lasts hours (PI 2.4), and a dose given on
# another day must first be moved there (which voids the verified order, as it should).
_ON_ITS_DAY = frozenset({DoseAct.GIVE, DoseAct.PREPARE, DoseAct.DOUBLE_CHECK, DoseAct.BAG_LABEL})
WORKFLOW = "pharmacy workflow"


def findings_for(
    rules: ClinicalRules, history: CourseHistory, action: Action
) -> tuple[Finding, ...]:
    """Everything the rules say about `action` on this course, most severe first."""
    if isinstance(action, PlanCycle):
        found = _plan(rules, history, action)
    elif isinstance(action, PrintOrderSheet):
        found = _order_sheet(rules, history, action)
    else:
        found = _dose(rules, history, action)
    order = {Severity.STOP: 0, Severity.BLOCKING: 1, Severity.WARNING: 2, Severity.INFO: 3}
    unique = list(dict.fromkeys(found))
    return tuple(sorted(unique, key=lambda f: order[f.severity]))


def enforce(findings: Sequence[Finding], override_reason: str) -> tuple[Finding, ...]:
    """Refuse on a stop, or on a blocking finding without a reason; else the overridden ones."""
    stops = [f for f in findings if f.stops]
    blocking = tuple(f for f in findings if f.severity is Severity.BLOCKING)
    if stops:
        raise RefusedError(stops)
    if blocking and not override_reason.strip():
        raise RefusedError(blocking)
    return blocking


def dose_findings(
    rules: ClinicalRules, history: CourseHistory, cycle: CycleHistory, dose: DoseDay
) -> list[Finding]:
    """What stands against a planned dose on its planned date: printed on its row."""
    if dose.status is not DoseStatus.PLANNED and dose.status is not DoseStatus.REDUCED:
        return []
    on = dose.planned_date
    found = date_findings(rules, history, dose, on, "given")
    found += gate_findings(rules, history, cycle.number, dose, on)
    return found + within_cycle_findings(rules, cycle, dose, on)


# ------------------------------------------------------------------ planning


def _plan(rules: ClinicalRules, history: CourseHistory, action: PlanCycle) -> list[Finding]:
    found: list[Finding] = []
    if history.vod_recorded:
        found.append(vod_stop_finding(rules))
    found += cycle_start_findings(rules, history, action.plan.request.start)
    reached = history.reduction_level()
    if action.level < reached:
        found.append(
            Finding(
                "RE_ESCALATION",
                Severity.BLOCKING,
                f"The course was reduced for toxicity (level {int(reached)}); planning level "
                f"{int(action.level)} would re-escalate, which the label does not allow after a "
                "reduction for toxicity (PI 2.3). Plan at the course's level, or state why the "
                "earlier reduction was not for toxicity.",
                "PI 2.3",
            )
        )
    found += next_cycle_findings(rules, history, action.level, action.plan.request.start)
    return [*found, *action.plan.findings]


# ------------------------------------------------------------------ documents


def _order_sheet(
    rules: ClinicalRules, history: CourseHistory, action: PrintOrderSheet
) -> list[Finding]:
    cycle = history.cycle(action.cycle)
    if cycle is None:
        raise InputError("cycle", f"cycle {action.cycle} is not planned on this course")
    found: list[Finding] = [vod_stop_finding(rules)] if history.vod_recorded else []
    for dose in cycle.doses:
        found += [replace(f, day=dose.day) for f in dose_findings(rules, history, cycle, dose)]
    return found


# ------------------------------------------------------------------ one dose


def _dose(rules: ClinicalRules, history: CourseHistory, action: DoseAction) -> list[Finding]:
    cycle, dose = history.locate(action.dose_id)
    act = action.act
    found = _status(dose, act)
    if found:
        return found  # a dose already decided: nothing else is worth saying
    if act is DoseAct.VERIFY:
        found += _prescriber_recorded(cycle)
    if act is DoseAct.VERIFY and action.by:
        found += _separation_of_duties(history, cycle, action.by)
    if act in _TOWARD_PATIENT and history.vod_recorded:
        found.append(vod_stop_finding(rules))  # first: nothing else matters after a VOD/SOS
    if act is DoseAct.MOVE:
        found += date_findings(rules, history, dose, action.on, act.value)
    elif act in _ON_ITS_DAY:
        # A plan stored before a rule existed still meets it when the dose comes near.
        found += date_findings(rules, history, dose, dose.planned_date, act.value)
        if action.on != dose.planned_date:
            found.append(_not_its_day(rules, cycle, dose, action))
    if act in _TOWARD_PATIENT:
        found += gate_findings(rules, history, cycle.number, dose, dose.planned_date)
        found += within_cycle_findings(rules, cycle, dose, action.on)
    if act is DoseAct.GIVE:
        found += _interlock(history, dose)
    return found


def _prescriber_recorded(cycle: CycleHistory) -> list[Finding]:
    """An order is verified against its prescriber: who ordered it is on the record first."""
    if cycle.cycle.prescriber_name.strip():
        return []
    return [
        Finding(
            "PRESCRIBER_NOT_RECORDED",
            Severity.STOP,
            f"cycle {cycle.number} does not name its prescriber: record who ordered it (name "
            "and NPI or licence number) before the order is verified.",
            "pharmacy workflow",
        )
    ]


def _separation_of_duties(history: CourseHistory, cycle: CycleHistory, by: str) -> list[Finding]:
    """Who planned an order does not verify it, unless the site has one pharmacist."""
    if by != cycle.cycle.planned_by or history.planner_may_verify:
        return []
    return [
        Finding(
            "VERIFIER_PLANNED_ORDER",
            Severity.STOP,
            f"{by} planned cycle {cycle.number}: a second pharmacist verifies its orders "
            "(site policy: separation of duties; a single-pharmacist site can allow it in "
            "Site settings).",
            "site policy",
        )
    ]


def _not_its_day(
    rules: ClinicalRules, cycle: CycleHistory, dose: DoseDay, action: DoseAction
) -> Finding:
    limit = rules.max_reconstitution_to_end_of_infusion_h
    what = (
        "it is given on that day only: move it first if it is given on another day"
        if action.act is DoseAct.GIVE
        else f"its bag is made, checked and labelled on that day only (reconstitution to end "
        f"of infusion ≤ {limit.value} h, {limit.citation})"
    )
    return Finding(
        "NOT_THE_DOSE_DAY",
        Severity.STOP,
        f"Cycle {cycle.number} Day {dose.day} is planned for {dose.planned_date.isoformat()}, "
        f"not {action.on.isoformat()}: {what}.",
        limit.citation if action.act is not DoseAct.GIVE else WORKFLOW,
    )


def _status(dose: DoseDay, act: DoseAct) -> list[Finding]:
    """Acts the dose's recorded status rules out, whatever anyone types."""
    status = dose.status
    if status is DoseStatus.GIVEN:
        why = "it is already recorded as given"
    elif status is DoseStatus.OMITTED and act is not DoseAct.RELEASE:
        why = "it is recorded as omitted"
    elif status is DoseStatus.HELD and act not in (DoseAct.RELEASE, DoseAct.OMIT):
        why = "it is held: release it first"
    elif status is not DoseStatus.HELD and act is DoseAct.RELEASE:
        why = "it is not held"
    else:
        return []
    code = "DOSE_ALREADY_GIVEN" if status is DoseStatus.GIVEN else f"DOSE_{status.name}"
    return [
        Finding(
            code,
            Severity.STOP,
            f"Day {dose.day} ({dose.planned_date.isoformat()}) cannot be {act.value}: {why}.",
            WORKFLOW,
        )
    ]


def _interlock(history: CourseHistory, dose: DoseDay) -> list[Finding]:
    """Given only after the order was verified, the bag prepared and checked, the list done."""
    work = history.work_on(dose)
    found: list[Finding] = []
    missing = [
        (work.verified, "ORDER_NOT_VERIFIED", "the order has no valid pharmacist verification"),
        (work.prepared, "BAG_NOT_PREPARED", "no bag is recorded as prepared for this dose"),
        (
            work.double_checked,
            "BAG_NOT_DOUBLE_CHECKED",
            "the bag has no independent double check",
        ),
    ]
    for done, code, text in missing:
        if not done:
            found.append(
                Finding(
                    code,
                    Severity.BLOCKING,
                    f"Day {dose.day}: {text}. Record it first, or override with the reason "
                    "(e.g. a dose prepared and given elsewhere).",
                    WORKFLOW,
                )
            )
    if work.open_checklist:
        items = "; ".join(work.open_checklist)
        found.append(
            Finding(
                "CHECKLIST_OPEN",
                Severity.BLOCKING,
                f"Day {dose.day}: the pre-dose checklist is not complete ({items}). Tick each "
                "item, or override with the reason each one stays open.",
                "PI 2.2, 5",
            )
        )
    return found


def refuse_stops(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """For acts that record or print rather than treat (bench, documents, signatures): a stop
    refuses; the blocking findings are returned to be shown and printed where they apply."""
    stops = [f for f in findings if f.stops]
    if stops:
        raise RefusedError(stops)
    return tuple(f for f in findings if f.severity is Severity.BLOCKING)
