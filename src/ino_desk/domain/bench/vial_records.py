"""A vial used for a dose, as scanned or typed at the bench (stored with the preparation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ino_desk.domain.bench.vial_scan import VialSource
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.corrections import EnteredInError
from ino_desk.domain.patients.patient import required_text


@dataclass(frozen=True, slots=True)
class VialUse:
    """One vial that went (or was meant to go) into a dose's bag."""

    dose_id: int
    gtin: str | None
    lot: str
    expiry: date
    serial: str | None
    source: VialSource
    manual_reason: str
    recorded_by: str
    recorded_at: datetime
    id: int | None = None
    entered_in_error: EnteredInError | None = None

    def __post_init__(self) -> None:
        required_text(self.lot, "vial lot", 20)
        required_text(self.recorded_by, "recorded by", 100)
        if self.source is VialSource.MANUAL:
            required_text(self.manual_reason, "reason for manual entry", 200)
        if self.recorded_at.tzinfo is None:
            raise InputError("recorded at", "must carry its timezone")
