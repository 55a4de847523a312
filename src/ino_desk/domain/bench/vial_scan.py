"""Accept or refuse one vial at the bench from what its barcode (or the user) says about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.patient import required_text

if TYPE_CHECKING:
    from collections.abc import Collection

    from ino_desk.domain.rules import ClinicalRules

LOT_MAX_LENGTH = 20  # GS1 AI (10) holds at most 20 characters
SERIAL_MAX_LENGTH = 20  # GS1 AI (21) holds at most 20 characters
REASON_MAX_LENGTH = 200


class VialRefusedError(InputError):
    """The vial must not go into the bag; the message says why and what to do."""


class VialSource(StrEnum):
    SCANNED = "scanned"
    MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class VialData:
    """What a barcode carried (any part may be missing) before any judgement about it."""

    gtin: str | None
    lot: str | None
    expiry: date | None
    serial: str | None


@dataclass(frozen=True, slots=True)
class AcceptedVial:
    """A vial the bench may use; manual entries carry who typed them and why."""

    gtin: str | None
    lot: str
    expiry: date
    serial: str | None
    source: VialSource
    manual_reason: str = ""


def accept_scan(
    rules: ClinicalRules, data: VialData, today: date, used_serials: Collection[str]
) -> AcceptedVial:
    """A scanned vial is accepted only with the right GTIN, a lot, a future expiry, a new serial."""
    expected = rules.product_gtin
    if data.gtin is None:
        raise VialRefusedError(
            "vial scan", "the barcode carries no GTIN (AI 01); scan the vial's 2D code"
        )
    if data.gtin != expected.value:
        raise VialRefusedError(
            "vial scan",
            f"GTIN {data.gtin} is not an inotuzumab ozogamicin vial (expected {expected.value}, "
            f"NDC {rules.product_ndc.value}, {expected.citation}); do not use this vial",
        )
    if not data.lot:
        raise VialRefusedError(
            "vial scan", "the barcode carries no lot (AI 10); enter lot and expiry by hand"
        )
    if data.expiry is None:
        raise VialRefusedError(
            "vial scan", "the barcode carries no expiry (AI 17); enter lot and expiry by hand"
        )
    _not_expired(data.expiry, today, "vial scan")
    serial = data.serial
    if serial is not None and serial in used_serials:
        raise VialRefusedError(
            "vial scan",
            f"serial {serial} was already scanned; each vial is scanned once — scan the next vial",
        )
    return AcceptedVial(data.gtin, data.lot, data.expiry, serial, VialSource.SCANNED)


def refuse_repeat_without_serial(
    vial: AcceptedVial, recorded: Collection[tuple[str | None, str, date, str | None]]
) -> None:
    """A code without a serial cannot tell two vials apart: the same code again for the same
    dose is most often the same vial scanned twice (a wedge scanner repeating itself). It is
    refused; a second vial of that lot is entered by hand, with that reason.

    `recorded` holds (GTIN, lot, expiry, serial) of the dose's vials in force.
    """
    if vial.serial is not None or vial.source is not VialSource.SCANNED:
        return
    if (vial.gtin, vial.lot, vial.expiry, None) in recorded:
        raise VialRefusedError(
            "vial scan",
            f"this code (lot {vial.lot}, expiry {vial.expiry.isoformat()}, no serial) is "
            "already recorded for this dose; a code without a serial cannot tell two vials "
            "apart — enter a second vial of this lot by hand, with that reason",
        )


def accept_manual(lot: str, expiry: date, reason: str, today: date) -> AcceptedVial:
    """Lot and expiry typed from the vial when the barcode cannot be read; a reason is required."""
    lot = required_text(lot, "vial lot", LOT_MAX_LENGTH).strip()
    why = required_text(reason, "reason for manual entry", REASON_MAX_LENGTH).strip()
    _not_expired(expiry, today, "vial expiry")
    return AcceptedVial(None, lot, expiry, None, VialSource.MANUAL, why)


def _not_expired(expiry: date, today: date, field: str) -> None:
    # A vial is usable through its expiry date (GS1 day 00 already means month end).
    if expiry < today:
        raise VialRefusedError(field, f"the vial expired on {expiry.isoformat()}; do not use it")
