"""Port of the billing report: the doses of a month with their waste."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from ino_desk.domain.bench.waste import WasteRecord
from ino_desk.domain.cycles.course import DoseStatus


@dataclass(frozen=True, slots=True)
class BilledDose:
    """A dose given in the period, or one whose drug was discarded in it without being given."""

    dose_id: int
    mrn: str
    patient_name: str
    cycle_number: int
    day: int
    planned_date: date
    status: DoseStatus
    dose_mg: Decimal
    vials: int
    given_at: datetime | None
    waste: tuple[WasteRecord, ...]


class BillingQueries(Protocol):
    def doses_to_bill(self, start: datetime, end: datetime) -> list[BilledDose]:
        """Doses given in [start, end) and doses with waste recorded then but not given,
        by patient then time."""
        ...
