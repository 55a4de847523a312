"""One dose day: pre-dose gates, confirming it given, its checklist and premedications.

The findings come from the one course authority (`domain.course_rules`), the checklist
items from the domain (items_for_dose, premedication_timing_findings); this module reads the
stored facts they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ino_desk.domain.course_rules.actions import DoseAct, DoseAction
from ino_desk.domain.course_rules.authority import findings_for
from ino_desk.domain.course_rules.timeline import Window, real_dose_window
from ino_desk.domain.cycles.checklist import (
    ChecklistItem,
    items_for_dose,
    missing_items,
    premedication_timing_findings,
)
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.patients.patient import required_text
from ino_desk.domain.records import ChecklistCompletion
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by
from ino_desk.services.planning.course_history import history_of_dose

if TYPE_CHECKING:
    from datetime import date

    from ino_desk.domain.cycles.course import DoseStatus
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork

# ------------------------------------------------------------------ pre-dose gates


def dose_window_now(store: Store, rules: ClinicalRules, dose_id: int) -> Window:
    """The dates the dose may move to: its ±days window clipped by the gap to every dose."""
    return store.read(
        lambda uow: real_dose_window(
            rules, history_of_dose(uow, rules, dose_id), uow.doses.get(dose_id)
        )
    )


def dose_gates(store: Store, rules: ClinicalRules, dose_id: int, on: date) -> list[Finding]:
    """What the authority says about giving this dose on `on`: gates, dates and interlocks."""

    def action(uow: UnitOfWork) -> list[Finding]:
        history = history_of_dose(uow, rules, dose_id)
        return list(findings_for(rules, history, DoseAction(DoseAct.GIVE, dose_id, on)))

    return store.read(action)


# ------------------------------------------------------------------ checklist


@dataclass(frozen=True, slots=True)
class ChecklistState:
    items: tuple[ChecklistItem, ...]
    ticks: dict[str, ChecklistCompletion]

    @property
    def missing(self) -> list[ChecklistItem]:
        return missing_items(self.items, self.ticks)

    @property
    def complete(self) -> bool:
        return not self.missing


def checklist_state(store: Store, rules: ClinicalRules, dose_id: int) -> ChecklistState:
    def action(uow: UnitOfWork) -> ChecklistState:
        dose = uow.doses.get(dose_id)
        cycle = uow.cycles.get(dose.cycle_id)
        items = items_for_dose(rules, cycle.number, dose.day)
        ticks = in_force(uow.checklist.for_dose(dose_id))
        return ChecklistState(items, {t.item_key: t for t in ticks})

    return store.read(action)


def require_reason(status: DoseStatus, reason: str) -> str:
    """Held, omitted and reduced doses need a reason; say so before any storage is touched."""
    if status.needs_reason and not reason.strip():
        raise InputError("reason", f"a {status.value} dose needs a reason")
    return reason.strip()


# ------------------------------------------------------------------ premedication


@dataclass(frozen=True, slots=True)
class PremedicationGiven:
    """What was given for one premedication item; times are timezone-aware."""

    drug: str
    dose: str  # as written on the order, e.g. "650 mg"; the site's template names the drug
    route: str
    given_at: datetime
    infusion_start: datetime

    def __post_init__(self) -> None:
        required_text(self.drug, "drug", 100)
        required_text(self.dose, "dose", 40)
        required_text(self.route, "route", 20)
        if self.given_at.tzinfo is None or self.infusion_start.tzinfo is None:
            raise InputError("time given", "must carry its timezone")

    def describe(self) -> str:
        return (
            f"{self.drug} {self.dose} {self.route} given {self.given_at.isoformat()} "
            f"before an infusion starting {self.infusion_start.isoformat()}"
        )


def premedication_findings(store: Store, given: PremedicationGiven, title: str) -> list[Finding]:
    """Before the infusion (PI 2.2); the lead time is the site's policy, not the label's."""
    lead = store.read(lambda uow: uow.settings.get().premedication_lead_minutes)
    return premedication_timing_findings(given.given_at, given.infusion_start, lead, title)


def record_premedication(
    store: Store, dose_id: int, item_key: str, title: str, given: PremedicationGiven, who: User
) -> ChecklistCompletion:
    """Tick a premedication item; a dose given at or after the infusion start is refused.

    The checklist row keeps who ticked it and when, and what was given: drug, dose, route,
    time given and the planned infusion start, so reopening and printouts show them; the
    audit event of the tick repeats them in its reason.
    """
    for finding in premedication_findings(store, given, title):
        if finding.blocks:
            raise InputError("time given", finding.message)

    def action(uow: UnitOfWork) -> ChecklistCompletion:
        change = change_by(uow, who, Permission.TICK_CHECKLIST, given.describe())
        uow.doses.get(dose_id)
        for done in in_force(uow.checklist.for_dose(dose_id)):
            if done.item_key == item_key:
                return done
        tick = ChecklistCompletion(
            dose_id,
            item_key,
            change.who,
            uow.now(),
            premed_drug=given.drug.strip(),
            premed_dose=given.dose.strip(),
            premed_route=given.route.strip(),
            premed_given_at=given.given_at,
            infusion_start=given.infusion_start,
        )
        return uow.checklist.add(tick, change)

    return store.write(action)
