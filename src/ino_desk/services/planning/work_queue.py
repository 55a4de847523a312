"""The IV-room work queue: every dose due on some days, with how far its work has gone.

The work state of a dose is derived here and nowhere else, from what is stored about it:
its status (given, held, omitted), the order's valid signatures (verified, prepared,
independent double check), the bench's Reconstituted/Diluted presses, saved bags, whole-dose
waste and bag labels issued. What stands against giving a dose comes from the one clinical
authority (`course_history.findings_on_their_day`), asked only for the doses a screen shows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from ino_desk.domain.bench.bench_marks import open_preparation
from ino_desk.domain.bench.preparation import Dilution
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.errors import InputError
from ino_desk.domain.staff.signatures import Meaning, order_content_hash
from ino_desk.services.planning.course_history import findings_on_their_day

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ino_desk.domain.findings import Finding
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.ports.queue import QueueDoseFacts
    from ino_desk.services.ports.store import Store

QUEUE_MAX = 500  # doses listed at most; the rest are counted, and a patient search finds them


class WorkState(StrEnum):
    """How far a dose's work has gone, in the order the IV room does it."""

    ORDERED = "ordered"  # planned, no valid verification yet
    VERIFIED = "verified"  # a pharmacist verified the order
    IN_PREPARATION = "in preparation"  # reconstituted (maybe diluted) or signed "prepared"
    CHECKED = "checked"  # the independent double check is signed
    LABELLED = "labelled"  # a bag label was issued after that double check
    GIVEN = "given"
    HELD = "held"
    OMITTED = "omitted"


_DECIDED = {
    DoseStatus.GIVEN: WorkState.GIVEN,
    DoseStatus.HELD: WorkState.HELD,
    DoseStatus.OMITTED: WorkState.OMITTED,
}


@dataclass(frozen=True, slots=True)
class Bag:
    """The bag whose PI 2.4 clock is running: reconstituted, perhaps diluted, not given.

    `saved` once its preparation record was saved (the bench's presses are then closed)."""

    reconstituted_at: datetime
    dilution: Dilution | None
    saved: bool
    infusion_minutes: int | None = None  # a syringe's (site-entered); None: the pack's


def _minutes(facts: QueueDoseFacts) -> int | None:
    syringe = facts.dose.syringe
    return None if syringe is None else syringe.infusion_minutes


@dataclass(frozen=True, slots=True)
class QueueRow:
    dose_id: int
    patient_id: int
    mrn: str
    patient_name: str
    cycle_number: int
    day: int
    planned_date: date
    dose_mg: Decimal
    status: DoseStatus
    state: WorkState
    bag: Bag | None = None

    @property
    def open(self) -> bool:
        """Still to be given: the authority has something to say about giving it."""
        return self.state not in _DECIDED.values()


@dataclass(frozen=True, slots=True)
class WorkQueue:
    rows: tuple[QueueRow, ...]
    total: int  # doses planned on the days, whatever the patient text
    truncated: bool  # more doses matched than are listed

    def counts(self) -> dict[WorkState, int]:
        """How many listed doses are in each state (every state present, zero or more)."""
        found = Counter(row.state for row in self.rows)
        return {state: found[state] for state in WorkState}


def work_queue(
    store: Store, first: date, last: date, text: str = "", limit: int = QUEUE_MAX
) -> WorkQueue:
    """The doses planned from `first` to `last`, by date then patient, each with its state.

    With `text`, only patients whose MRN or "family[, given]" name starts with it."""
    if last < first:
        raise InputError("dates", "the last date is before the first")
    if not 1 <= limit <= QUEUE_MAX:
        raise InputError("limit", f"allowed 1 to {QUEUE_MAX}")
    facts, total = store.read(lambda uow: uow.queries.work_queue(first, last, text, limit + 1))
    rows = sorted(
        (queue_row(f) for f in facts[:limit]),
        key=lambda r: (r.planned_date, r.patient_name.casefold(), r.mrn, r.dose_id),
    )
    return WorkQueue(tuple(rows), total, len(facts) > limit)


def queue_row(facts: QueueDoseFacts) -> QueueRow:
    dose = facts.dose
    state, bag = _state(facts)
    return QueueRow(
        dose_id=dose.id or 0,
        patient_id=facts.patient_id,
        mrn=facts.mrn,
        patient_name=facts.patient_name,
        cycle_number=facts.cycle_number,
        day=dose.day,
        planned_date=dose.planned_date,
        dose_mg=dose.dose_mg,
        status=dose.status,
        state=state,
        bag=bag,
    )


def _state(facts: QueueDoseFacts) -> tuple[WorkState, Bag | None]:
    decided = _DECIDED.get(facts.dose.status)
    if decided is not None:
        return decided, None
    bag = _bag(facts)
    signed = _live_signatures(facts)
    checked = signed.get(Meaning.DOUBLE_CHECK)
    if checked is not None:
        labelled = any(at >= checked for at in facts.labels_at)
        return (WorkState.LABELLED if labelled else WorkState.CHECKED), bag
    if bag is not None or Meaning.PREPARED in signed:
        return WorkState.IN_PREPARATION, bag
    if Meaning.VERIFIED_ORDER in signed:
        return WorkState.VERIFIED, None
    return WorkState.ORDERED, None


def _live_signatures(facts: QueueDoseFacts) -> dict[Meaning, datetime]:
    """When each still-valid signature was made: unvoided and over the order as it is now."""
    if not facts.signatures:
        return {}
    current = order_content_hash(facts.dose)
    return {s.meaning: s.signed_at for s in facts.signatures if s.content_hash == current}


def _bag(facts: QueueDoseFacts) -> Bag | None:
    """The reconstitution in progress at the bench, else the newest saved bag not wasted."""
    closed = [p.reconstituted_at for p in facts.preparations] + list(facts.wasted_at)
    reconstituted, dilution = open_preparation(list(facts.marks), closed)
    if reconstituted is not None:
        return Bag(reconstituted, dilution, saved=False, infusion_minutes=_minutes(facts))
    if not facts.preparations:
        return None
    saved = max(facts.preparations, key=lambda p: p.id or 0)
    if any(at >= saved.reconstituted_at for at in facts.wasted_at):
        return None
    return Bag(saved.reconstituted_at, saved.dilution, saved=True, infusion_minutes=_minutes(facts))


def standing_findings(
    store: Store, rules: ClinicalRules, dose_ids: Sequence[int]
) -> dict[int, tuple[Finding, ...]]:
    """The stops and blocking findings that stand against giving each dose on its own day.

    Ask only for the doses on screen: each course is read whole, once for all its doses."""
    if not dose_ids:
        return {}
    found = store.read(lambda uow: findings_on_their_day(uow, rules, dose_ids))
    return {dose_id: tuple(f for f in fs if f.blocks) for dose_id, fs in found.items()}
