"""Ports of the IV-room work queue: what is stored about the doses due, read set-wise.

The persistence layer fills these plain rows in a few indexed queries; the work state of
each dose is derived from them in one place, `services.work_queue`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from ino_desk.domain.bench.bench_marks import BenchMark
from ino_desk.domain.cycles.course import DoseDay
from ino_desk.domain.records import PreparationRecord
from ino_desk.domain.staff.signatures import Meaning


@dataclass(frozen=True, slots=True)
class OrderSignatureFact:
    """An unvoided signature on a dose order; it counts only while `content_hash` still
    matches the order (the service compares)."""

    meaning: Meaning
    content_hash: str
    signed_at: datetime


@dataclass(frozen=True, slots=True)
class QueueDoseFacts:
    """One dose due, its patient, and everything stored that says how far its work went."""

    dose: DoseDay
    patient_id: int
    mrn: str
    patient_name: str  # "Family, Given"
    cycle_number: int
    signatures: tuple[OrderSignatureFact, ...] = ()
    marks: tuple[BenchMark, ...] = ()  # Reconstituted/Diluted presses, oldest first
    preparations: tuple[PreparationRecord, ...] = ()  # saved bags, oldest first
    wasted_at: tuple[datetime, ...] = ()  # whole-dose waste recorded (a bag past a limit)
    labels_at: tuple[datetime, ...] = ()  # bag labels issued


@dataclass(frozen=True, slots=True)
class VialDose:
    """A dose a vial was recorded for at the bench."""

    dose_id: int
    patient_id: int
    planned_date: date


class QueueQueries(Protocol):
    def work_queue(
        self, first: date, last: date, text: str, limit: int
    ) -> tuple[list[QueueDoseFacts], int]:
        """Doses planned from `first` to `last` (inclusive) and their work facts, at most
        `limit`; with `text`, only patients whose MRN or "family[, given]" name starts with
        it. Also how many doses the dates hold in all (`text` not applied)."""
        ...

    def vial_doses(self, serial: str | None, lot: str | None) -> list[VialDose]:
        """The doses a vial with this serial (else, without a serial, this lot) was
        recorded for, newest first."""
        ...
