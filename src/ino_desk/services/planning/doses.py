"""Use cases: what becomes of a dose (given, held, released, omitted, reduced) and its date.

Each one asks the course authority (`services.course_history`) in its own transaction; a stop
refuses, a blocking finding needs a typed override reason, which is saved with the dose.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.bench.stored_preparation import prepared_again
from ino_desk.domain.course_rules.actions import DoseAct, DoseAction
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.patient import required_text
from ino_desk.domain.printed.paper_records import PaperRecord, paper_record, with_paper_note
from ino_desk.domain.quantities import HUNDREDTH, format_quantity, round_half_up
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import acting, change_by
from ino_desk.services.planning.course_history import history_of_dose, judged, local_day

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal

    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.change import Change
    from ino_desk.services.ports.store import Store, UnitOfWork

_ACTS = {
    DoseStatus.GIVEN: DoseAct.GIVE,
    DoseStatus.HELD: DoseAct.HOLD,
    DoseStatus.OMITTED: DoseAct.OMIT,
    DoseStatus.REDUCED: DoseAct.REDUCE,
    DoseStatus.PLANNED: DoseAct.RELEASE,
}


def _judged_change(
    uow: UnitOfWork,
    rules: ClinicalRules,
    who: User,
    action: DoseAction,
    reason: str,
    override_reason: str,
) -> Change:
    """The audit entry of a dose act the authority allows; overrides are named in its reason."""
    history = history_of_dose(uow, rules, action.dose_id)
    overridden = judged(rules, history, action, override_reason)
    change = change_by(uow, who, Permission.RECORD_DOSES, reason.strip())
    if not overridden:
        return change
    acting(uow, who, Permission.OVERRIDE_FINDINGS)
    codes = ", ".join(f.code for f in overridden)
    override = f"Override of {codes}: {override_reason.strip()}"
    return replace(change, reason=f"{change.reason} — {override}" if change.reason else override)


def record_dose_status(
    store: Store,
    rules: ClinicalRules,
    dose_id: int,
    status: DoseStatus,
    who: User,
    reason: str = "",
    reduced_dose_mg: Decimal | None = None,
    *,
    override_reason: str = "",
    released_on: date | None = None,
    paper: PaperRecord | None = None,
) -> DoseDay:
    """Hold, release (back to planned), omit or reduce a dose; giving is `confirm_dose_given`.

    A release ends the dose's interruption on `released_on` (today by default); its length
    is what the authority judges for the doses and the cycle after it (PI 2.3).

    Held, omitted and reduced need a reason; a reduced dose states its new amount in mg. The
    label leaves how a reduction is spread to the clinician, so the amount is theirs,
    recorded with their name and the amount it was reduced from; vials and volumes follow.

    `paper`: a decision written on paper during a downtime, entered afterwards with its time.
    """
    if status is DoseStatus.GIVEN:
        raise InputError("status", "a dose is recorded as given with its date (confirm given)")
    if status.needs_reason and not reason.strip():
        raise InputError("reason", f"a {status.value} dose needs a reason")
    if (status is DoseStatus.REDUCED) != (reduced_dose_mg is not None):
        raise InputError("reduced dose", "state the new dose in mg for a reduced dose only")
    return _decide(
        store,
        rules,
        dose_id,
        status,
        who,
        reason,
        reduced_dose_mg,
        released_on,
        override_reason,
        paper,
    )


def confirm_dose_given(
    store: Store,
    rules: ClinicalRules,
    dose_id: int,
    who: User,
    override_reason: str = "",
    *,
    on: date,
    paper: PaperRecord | None = None,
) -> DoseDay:
    """Mark a dose given on `on`, its own day. The authority asks for a verified order, a
    prepared and double-checked bag and a complete checklist; each missing one, and each
    blocking pre-dose finding, needs the typed override reason saved with the dose.
    Given during a downtime (`paper`), `on` is the paper time's day."""
    if paper is not None and paper.day != on:
        raise InputError("paper time", f"must fall on the day given ({on.isoformat()})")
    return _decide(
        store, rules, dose_id, DoseStatus.GIVEN, who, "", None, on, override_reason, paper
    )


def _decide(
    store: Store,
    rules: ClinicalRules,
    dose_id: int,
    status: DoseStatus,
    who: User,
    reason: str,
    reduced_dose_mg: Decimal | None,
    on: date | None,
    override_reason: str,
    paper: PaperRecord | None = None,
) -> DoseDay:
    def action(uow: UnitOfWork) -> DoseDay:
        if paper is not None:
            paper_record(paper.paper_time, uow.now())  # its range, against the entry's time
        dose = uow.doses.get(dose_id)
        act = DoseAction(_ACTS[status], dose_id, on or dose.planned_date)
        change = _judged_change(uow, rules, who, act, reason, override_reason)
        # The reason kept with the dose names any override and a paper record too: it prints
        # on the dose's row and is the audit event's reason.
        change = replace(change, reason=with_paper_note(change.reason, paper))
        changed = replace(
            dose,
            status=status,
            reason=change.reason,
            decided_by=change.who,
            decided_at=uow.now(),
            paper_time=None if paper is None else paper.paper_time,
        )
        if status is DoseStatus.HELD:
            # The interruption runs from the day the held dose was due (PI 2.3).
            changed = replace(changed, held_on=dose.planned_date, released_on=None)
        if status is DoseStatus.PLANNED:
            # Released: the interruption ends today (or the day given); its dates stay.
            today = local_day(uow.now())
            released = on or (paper.day if paper is not None else today)
            if released > today or (dose.held_on is not None and released < dose.held_on):
                held = dose.held_on.isoformat() if dose.held_on else "the hold"
                raise InputError(
                    "released on", f"must lie between {held} and today ({today.isoformat()})"
                )
            changed = replace(
                changed,
                reason="",
                decided_by="",
                decided_at=None,
                paper_time=None,
                released_on=released,
            )
        if reduced_dose_mg is not None:
            changed = _reduced(rules, changed, reduced_dose_mg)
        return uow.doses.update(changed, change)

    return store.write(action)


def _reduced(rules: ClinicalRules, dose: DoseDay, new_dose_mg: Decimal) -> DoseDay:
    new_mg = round_half_up(new_dose_mg, HUNDREDTH)
    if not 0 < new_mg < dose.dose_mg:
        raise InputError(
            "reduced dose",
            f"must be more than 0 mg and less than the planned "
            f"{format_quantity(dose.dose_mg, 'mg')}",
        )
    reduced = prepared_again(rules, dose, new_mg)
    return replace(reduced, reduced_from_mg=dose.reduced_from_mg or dose.dose_mg)


def move_dose_date(
    store: Store, rules: ClinicalRules, dose_id: int, when: date, who: User, reason: str
) -> DoseDay:
    """Move a dose inside its window, at least the label's gap from every other dose."""
    required_text(reason, "reason", 2000)

    def action(uow: UnitOfWork) -> DoseDay:
        change = _judged_change(
            uow, rules, who, DoseAction(DoseAct.MOVE, dose_id, when), reason, ""
        )
        dose = uow.doses.get(dose_id)
        return uow.doses.update(replace(dose, planned_date=when), change)

    return store.write(action)
