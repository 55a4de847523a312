"""What an order sheet says about a cycle, from the cycle's records: the one mapping.

A stored cycle (`cycle_documents`) and a plan not saved (`unsaved_documents`, for `--demo`)
both arrive here as the same records (`Cycle`, `DoseDay`, the course history), so the rows,
windows, dose level and findings of every printed order come from one place and one authority.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ino_desk.domain.bench.preparation import concentration_findings
from ino_desk.domain.bench.stored_preparation import stored_preparation
from ino_desk.domain.course_rules.actions import PrintOrderSheet
from ino_desk.domain.course_rules.authority import findings_for, refuse_stops
from ino_desk.domain.course_rules.history import CourseHistory
from ino_desk.domain.course_rules.order_lines import dose_level_text, row_note
from ino_desk.domain.course_rules.timeline import real_dose_window
from ino_desk.domain.cycles.course import Cycle, DoseDay, DoseStatus
from ino_desk.domain.cycles.cumulative_dose import cumulative_dose
from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.findings import Severity
from ino_desk.domain.printed.documents import DocumentRefusedError, DoseRow, FindingLine
from ino_desk.domain.quantities import format_quantity
from ino_desk.domain.site_settings import SiteSettings
from ino_desk.services.paperwork.order_documents import CycleFacts, cycle_order
from ino_desk.services.staff.administration import administration, syringe_give

if TYPE_CHECKING:
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.rules import ClinicalRules, RegimenRow


@dataclass(frozen=True, slots=True)
class SheetCycle:
    """The records an order sheet is made from. `site` is today's settings, printed only for
    a cycle that did not keep the policy it was planned under (None: not needed)."""

    cycle: Cycle
    doses: tuple[DoseDay, ...]
    previous: CycleOutcome | None
    hsct_planned: bool | None
    history: CourseHistory
    site: SiteSettings | None = None


def standing_findings(rules: ClinicalRules, sheet: SheetCycle) -> tuple[Finding, ...]:
    """The authority on printing this cycle: a stop refuses; blocking findings print."""
    found = findings_for(rules, sheet.history, PrintOrderSheet(sheet.cycle.number))
    return refuse_stops([f for f in found if f.severity is not Severity.INFO])


def cycle_facts(
    rules: ClinicalRules, sheet: SheetCycle, standing: tuple[Finding, ...]
) -> CycleFacts:
    cycle = sheet.cycle
    # An omitted dose is not given: it leaves the dose table and the total, and its record
    # (who, when, why) prints with the findings; held, reduced and given doses stay.
    ordered = tuple(d for d in sheet.doses if d.status is not DoseStatus.OMITTED)
    if not ordered:
        raise DocumentRefusedError(f"every dose of cycle {cycle.number} is omitted")
    open_lines = tuple(
        FindingLine(f.severity.value, f.code, f"Day {f.day}: {f.message}" if f.day else f.message)
        for f in standing
    )
    return CycleFacts(
        order=cycle_order(
            cycle.number,
            _regimen_row(rules, cycle),
            cycle.length_days,
            cycle.extension_reason,
            sheet.hsct_planned,
            sheet.previous,
            dose_level_text(rules, cycle, sheet.doses),
            _so_far(sheet),
        ),
        first_cycle=cycle.number == 1,
        bsa_m2=cycle.bsa_m2,
        dosing_bsa_m2=cycle.dosing_bsa_m2,
        bsa_formula=cycle.bsa_formula.display_name,
        site_policy=_policy_used(cycle, sheet.site),
        doses=tuple(_dose_row(rules, sheet, d, standing) for d in ordered),
        administration=administration(rules, stored_preparation(rules, _common(ordered))),
        findings=open_lines
        + tuple(_status_line(d) for d in sheet.doses if d.status is not DoseStatus.PLANNED),
    )


def _common(ordered: tuple[DoseDay, ...]) -> DoseDay:
    """The dose whose administration the sheet prints for all: a bag when there is one;
    a syringe dose prints its own on its row."""
    return next((d for d in ordered if d.syringe is None), ordered[0])


def _so_far(sheet: SheetCycle) -> str:
    """The course's drug given so far; nothing printed before the first dose is given."""
    given = cumulative_dose((c.cycle, c.doses) for c in sheet.history.cycles)
    return given.text if given.doses else ""


def _regimen_row(rules: ClinicalRules, cycle: Cycle) -> RegimenRow:
    rows = (rules.regimen_cycle1, rules.regimen_later_cr_cri, rules.regimen_later_no_response)
    row = next((r for r in rows if r.key == cycle.regimen_row), None)
    if row is None:
        raise DocumentRefusedError(
            f"cycle {cycle.number} was planned on regimen row {cycle.regimen_row!r}, which this "
            "label pack does not have; re-plan the cycle"
        )
    return row


def _dose_row(
    rules: ClinicalRules, sheet: SheetCycle, dose: DoseDay, standing: tuple[Finding, ...]
) -> DoseRow:
    window = real_dose_window(rules, sheet.history, dose)  # the window printed on the row
    prep = stored_preparation(rules, dose)
    overridden = [
        f.code
        for f in concentration_findings(rules, dose.day, prep)
        if f.code in sheet.cycle.overridden_findings
    ]
    return DoseRow(
        day=dose.day,
        planned_date=dose.planned_date,
        window_start=window.window_start,
        window_end=window.window_end,
        mg_per_m2=dose.mg_per_m2,
        calculated_mg=dose.calculated_mg,
        dose_mg=dose.dose_mg,
        vials=dose.vials,
        drug_volume_ml=dose.drug_volume_ml,
        discarded_mg=prep.discarded_mg,
        note=row_note(dose, standing, overridden),
        give=syringe_give(rules, prep),
    )


def _status_line(dose: DoseDay) -> FindingLine:
    when = f" on {dose.decided_at:%Y-%m-%d %H:%M} UTC" if dose.decided_at else ""
    amount = (
        f" to {format_quantity(dose.dose_mg, 'mg')}" if dose.status is DoseStatus.REDUCED else ""
    )
    reason = f": {dose.reason}" if dose.reason else ""
    return FindingLine(
        "record",
        f"DOSE_{dose.status.value.upper()}",
        f"Day {dose.day} {dose.status.value}{amount} by {dose.decided_by}{when}{reason}",
    )


def _policy_used(cycle: Cycle, site: SiteSettings | None) -> tuple[tuple[str, str], ...]:
    """The policy recorded when the cycle was planned; else today's, marked as such."""
    if cycle.site_policy is not None or site is None:
        return tuple(_pair(line) for line in cycle.site_policy or ())
    return (
        *site.policy.describe(),
        ("Note", "site policy today: not recorded when this cycle was planned"),
    )


def _pair(line: str) -> tuple[str, str]:
    label, _, value = line.partition(": ")
    return label, value
