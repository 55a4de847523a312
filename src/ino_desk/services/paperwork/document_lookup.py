"""Use case: find a stored cycle or dose by what a user types (MRN, cycle number, day)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.errors import DomainError

if TYPE_CHECKING:
    from ino_desk.domain.cycles.course import Cycle, DoseDay
    from ino_desk.domain.patients.patient import Patient
    from ino_desk.services.ports.store import Store, UnitOfWork


class NotOnRecordError(DomainError):
    """The patient, cycle or day asked for is not stored; `message` says which."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _patient(uow: UnitOfWork, mrn: str) -> Patient:
    patient = uow.patients.by_mrn(mrn.strip())
    if patient is None or patient.id is None:
        raise NotOnRecordError(f"no patient with MRN {mrn.strip()} is stored")
    return patient


def find_patient(store: Store, mrn: str) -> Patient:
    """The patient registered under `mrn` (surrounding spaces ignored)."""
    return store.read(lambda uow: _patient(uow, mrn))


def _cycle(uow: UnitOfWork, mrn: str, number: int) -> Cycle:
    patient = _patient(uow, mrn)
    assert patient.id is not None
    courses = sorted(uow.courses.for_patient(patient.id), key=lambda c: (c.started_on, c.id or 0))
    if not courses or courses[-1].id is None:
        raise NotOnRecordError(f"patient {patient.mrn} has no course of treatment")
    cycles = uow.cycles.for_course(courses[-1].id)
    found = next((c for c in cycles if c.number == number), None)
    if found is None:
        have = ", ".join(str(c.number) for c in cycles) or "none"
        raise NotOnRecordError(
            f"patient {patient.mrn} has no cycle {number} in the current course "
            f"(planned cycles: {have})"
        )
    return found


def find_cycle(store: Store, mrn: str, number: int) -> Cycle:
    """Cycle `number` of the patient's current (latest) course."""
    return store.read(lambda uow: _cycle(uow, mrn, number))


def find_dose(store: Store, mrn: str, number: int, day: int) -> DoseDay:
    def action(uow: UnitOfWork) -> DoseDay:
        cycle = _cycle(uow, mrn, number)
        doses = uow.doses.for_cycle(cycle.id or 0)
        found = next((d for d in doses if d.day == day), None)
        if found is None:
            have = ", ".join(str(d.day) for d in doses)
            raise NotOnRecordError(
                f"cycle {number} of patient {mrn.strip()} has no Day {day} dose (days: {have})"
            )
        return found

    return store.read(action)
