"""A bench time entered afterwards (issue 16): what it may not precede, and what the audit
says about it (the time entered against the time it was typed, and why)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ino_desk.domain.bench.bench_marks import check_entered_time
from ino_desk.domain.bench.waste import WasteKind
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.services.paperwork.order_signatures import live_signatures

if TYPE_CHECKING:
    from ino_desk.domain.bench.bench_marks import BenchEvent, BenchMark
    from ino_desk.services.ports.change import Change
    from ino_desk.services.ports.store import UnitOfWork


def earliest_times(uow: UnitOfWork, dose_id: int) -> tuple[tuple[datetime, str], ...]:
    """What an entered time may not precede: the order's verification (its paper time after a
    downtime), the dose's last bench time in force, its last whole-dose waste."""
    found: list[tuple[datetime, str]] = []
    verified = live_signatures(uow, dose_id).get(Meaning.VERIFIED_ORDER)
    if verified is not None:
        found.append((verified.paper_time or verified.signed_at, "the order's verification"))
    marks = in_force(uow.bench_marks.for_dose(dose_id))
    if marks:
        last = max(marks, key=lambda m: m.at)
        found.append((last.at, f"the {last.event.value} time recorded"))
    wasted = [w.recorded_at for w in uow.waste.for_dose(dose_id) if w.kind is WasteKind.WHOLE_DOSE]
    if wasted:
        found.append((max(wasted), "the last bag wasted"))
    return tuple(found)


def late_entry_note(event: BenchEvent, at: datetime, entered_at: datetime, why: str) -> str:
    """The audit reason: the time entered against the time of entry, and why."""
    return (
        f"Time entered later: {event.value} at {at.astimezone(UTC):%Y-%m-%d %H:%M} UTC, "
        f"entered {entered_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC: {why}"
    )


def entered_later(
    uow: UnitOfWork, mark: BenchMark, change: Change, reason: str
) -> tuple[BenchMark, Change]:
    """The mark at its typed time, checked and kept with when it was typed and why."""
    now = uow.now()
    why = check_entered_time(mark.at, now, reason, earliest_times(uow, mark.dose_id))
    late = replace(mark, entered_at=now, time_reason=why)
    return late, replace(change, reason=late_entry_note(mark.event, mark.at, now, why))
