"""Use case: find the dose a scanned code belongs to, a bag label's or a vial's.

A bag label's barcode carries `C{cycle}D{day}-{dose id}` (`domain.dose_codes`); a vial's GS1
code carries its serial and lot, and the bench recorded which dose each vial was used for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ino_desk.domain.bench.dose_codes import bag_code, parse_bag_code
from ino_desk.domain.bench.vial_scan import VialRefusedError
from ino_desk.domain.errors import DomainError
from ino_desk.services.preparing.gs1 import read_vial_code
from ino_desk.services.store_errors import NotFoundError

if TYPE_CHECKING:
    from datetime import date

    from ino_desk.domain.bench.dose_codes import BagCode
    from ino_desk.services.ports.queue import VialDose
    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class ScannedDose:
    patient_id: int
    dose_id: int
    found_by: str  # what the code was read as, e.g. "bag label C1D8-123"


class UnknownCodeError(DomainError):
    """The code names no stored dose (or more than one); `message` says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def dose_for_code(store: Store, code: str, first: date, last: date) -> ScannedDose:
    """The dose a bag label or vial names. A vial known only by its lot counts when exactly
    one dose from `first` to `last` used that lot."""
    text = code.strip()
    shown = text if len(text) <= 40 else f"{text[:40]}…"
    bag = parse_bag_code(text)
    if bag is not None:
        found = store.read(lambda uow: _bag_dose(uow, bag))
        if found is None:
            raise UnknownCodeError(
                f"No dose is stored for bag label {shown}: check the bag with its label and "
                "the patient, and find the dose from the patient's page."
            )
        return found
    try:
        vial = read_vial_code(text)
    except VialRefusedError:
        raise UnknownCodeError(
            f"“{shown}” is neither a bag label nor a vial code this workstation knows. "
            "Scan the bag label's barcode or the vial's 2D code."
        ) from None
    if vial.serial:
        doses = store.read(lambda uow: uow.queries.vial_doses(vial.serial, None))
        if doses:
            return _opened(doses[0], f"vial serial {vial.serial}")
    if vial.lot:
        doses = store.read(lambda uow: uow.queries.vial_doses(None, vial.lot))
        due = [d for d in doses if first <= d.planned_date <= last]
        if len(due) == 1:
            return _opened(due[0], f"vial lot {vial.lot}")
        if due:
            raise UnknownCodeError(
                f"Vial lot {vial.lot} was used for {len(due)} doses on these days: scan the "
                "bag label to open the one you hold."
            )
    raise UnknownCodeError(
        f"No dose on record used this vial ({_vial_words(vial.serial, vial.lot)}): it was not "
        "recorded at the bench, or for a dose on other days."
    )


def _opened(dose: VialDose, found_by: str) -> ScannedDose:
    return ScannedDose(dose.patient_id, dose.dose_id, found_by)


def _vial_words(serial: str | None, lot: str | None) -> str:
    parts = [f"serial {serial}" if serial else "", f"lot {lot}" if lot else ""]
    return ", ".join(p for p in parts if p) or "no serial or lot in the code"


def _bag_dose(uow: UnitOfWork, bag: BagCode) -> ScannedDose | None:
    """The stored dose, only if its cycle and day are the ones the label prints."""
    try:
        dose = uow.doses.get(bag.dose_id)
        cycle = uow.cycles.get(dose.cycle_id)
    except NotFoundError:
        return None
    if cycle.number != bag.cycle or dose.day != bag.day:
        return None
    course = uow.courses.get(cycle.course_id)
    label = bag_code(bag.cycle, bag.day, bag.dose_id)
    return ScannedDose(course.patient_id, bag.dose_id, f"bag label {label}")
