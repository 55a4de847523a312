"""What the pharmacy did around a dose: checklist ticks, preparations, printed documents, audit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ino_desk.domain.bench.preparation import DilutedStorage, Dilution
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.corrections import EnteredInError
from ino_desk.domain.patients.patient import required_text


def _aware(value: datetime | None, field: str) -> None:
    if value is not None and value.tzinfo is None:
        raise InputError(field, "must carry its timezone")


@dataclass(frozen=True, slots=True)
class ChecklistCompletion:
    """A ticked checklist item; a premedication tick also keeps what was given, and when."""

    dose_id: int
    item_key: str
    completed_by: str
    completed_at: datetime
    premed_drug: str | None = None
    premed_dose: str | None = None  # as written on the order, e.g. "650 mg"
    premed_route: str | None = None
    premed_given_at: datetime | None = None
    infusion_start: datetime | None = None
    id: int | None = None
    entered_in_error: EnteredInError | None = None

    def __post_init__(self) -> None:
        required_text(self.item_key, "checklist item", 64)
        required_text(self.completed_by, "completed by", 100)
        _aware(self.completed_at, "completed at")
        _aware(self.premed_given_at, "time given")
        _aware(self.infusion_start, "infusion start")
        details = (self.premed_drug, self.premed_dose, self.premed_route, self.premed_given_at)
        if any(d is not None for d in details) and any(d is None for d in details):
            raise InputError("premedication", "record drug, dose, route and time given together")

    @property
    def premedication(self) -> str:
        """What was given, as printed ("" for an ordinary tick)."""
        if self.premed_given_at is None:
            return ""
        return (
            f"{self.premed_drug} {self.premed_dose} {self.premed_route}, given "
            f"{self.premed_given_at.strftime('%Y-%m-%d %H:%M %Z')}"
        )


@dataclass(frozen=True, slots=True)
class VialLot:
    lot: str
    expiry: date

    def __post_init__(self) -> None:
        required_text(self.lot, "vial lot", 40)


@dataclass(frozen=True, slots=True)
class PreparationRecord:
    """A bag as made: vials used, when reconstituted and diluted (UTC), who made and checked it."""

    dose_id: int
    vial_lots: tuple[VialLot, ...]
    reconstituted_at: datetime
    diluted_at: datetime | None
    prepared_by: str
    checked_by: str
    id: int | None = None
    # How the diluted bag is kept; None on bags saved before it was asked (not recorded).
    diluted_storage: DilutedStorage | None = None

    @property
    def dilution(self) -> Dilution | None:
        return None if self.diluted_at is None else Dilution(self.diluted_at, self.diluted_storage)

    def __post_init__(self) -> None:
        if self.diluted_storage is not None and self.diluted_at is None:
            raise InputError("diluted storage", "needs the dilution time")
        if not self.vial_lots:
            raise InputError("vial lots", "record at least one vial lot")
        required_text(self.prepared_by, "prepared by", 100)
        required_text(self.checked_by, "checked by", 100)
        if self.prepared_by.strip().casefold() == self.checked_by.strip().casefold():
            raise InputError("checked by", "the checker must be another person than the preparer")
        _aware(self.reconstituted_at, "reconstituted at")
        _aware(self.diluted_at, "diluted at")
        if self.diluted_at is not None and self.diluted_at < self.reconstituted_at:
            raise InputError("diluted at", "cannot be before reconstitution")


class DocumentKind(StrEnum):
    ORDER_SHEET = "order-sheet"
    BAG_LABEL = "bag-label"
    PREPARATION_RECORD = "preparation-record"
    REPORT = "report"


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A printed document: its bytes' SHA-256, who printed it, and whether it was a reprint."""

    kind: DocumentKind
    dose_id: int | None
    cycle_id: int | None
    content_sha256: str
    printed_by: str
    printed_at: datetime
    reprint: bool
    id: int | None = None

    def __post_init__(self) -> None:
        if len(self.content_sha256) != 64:
            raise InputError("content hash", "must be a SHA-256 hex digest")
        required_text(self.printed_by, "printed by", 100)
        _aware(self.printed_at, "printed at")


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
