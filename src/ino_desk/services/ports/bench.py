"""Ports of the preparation bench: what its use cases need from storage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ino_desk.domain.bench.waste import WasteRecord

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.domain.bench.bench_marks import BenchMark
    from ino_desk.domain.bench.vial_records import VialUse
    from ino_desk.services.ports.change import Change


@dataclass(frozen=True, slots=True)
class WasteReportRow:
    """One line of the monthly waste report."""

    record: WasteRecord
    mrn: str
    patient_name: str
    cycle_number: int
    day: int


class VialUseRepository(Protocol):
    def add(self, entity: VialUse, change: Change) -> VialUse: ...

    def get(self, entity_id: int) -> VialUse: ...

    def update(self, entity: VialUse, change: Change) -> VialUse: ...

    def for_dose(self, dose_id: int) -> list[VialUse]: ...

    def serial_used(self, serial: str) -> bool:
        """Whether any dose already used a vial with this serial (not entered in error)."""
        ...


class WasteRepository(Protocol):
    def add(self, entity: WasteRecord, change: Change) -> WasteRecord: ...

    def for_dose(self, dose_id: int) -> list[WasteRecord]: ...

    def report(self, start: datetime, end: datetime) -> list[WasteReportRow]:
        """Waste recorded in [start, end), oldest first."""
        ...


class BenchMarkRepository(Protocol):
    def add(self, entity: BenchMark, change: Change) -> BenchMark: ...

    def get(self, entity_id: int) -> BenchMark: ...

    def update(self, entity: BenchMark, change: Change) -> BenchMark: ...

    def for_dose(self, dose_id: int) -> list[BenchMark]:
        """Oldest first."""
        ...
