"""Use cases: register a patient and correct their record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by
from ino_desk.services.store_errors import ConflictError

if TYPE_CHECKING:
    from ino_desk.domain.patients.patient import Patient
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def register_patient(store: Store, patient: Patient, who: User) -> Patient:
    """Store a new patient; refuses an MRN that is already registered."""
    if patient.id is not None:
        raise InputError("patient", "is already registered")

    def action(uow: UnitOfWork) -> Patient:
        change = change_by(uow, who, Permission.EDIT_PATIENTS)
        if uow.patients.by_mrn(patient.mrn) is not None:
            raise ConflictError(f"MRN {patient.mrn} is already registered.")
        return uow.patients.add(patient, change)

    return store.write(action)


def update_patient(store: Store, patient: Patient, who: User, reason: str) -> Patient:
    """Correct a patient's record; the reason is kept in the audit trail."""
    if patient.id is None:
        raise InputError("patient", "register the patient first")
    if not reason.strip():
        raise InputError("reason", "say why the record is changed")

    def action(uow: UnitOfWork) -> Patient:
        change = change_by(uow, who, Permission.EDIT_PATIENTS, reason)
        other = uow.patients.by_mrn(patient.mrn)
        if other is not None and other.id != patient.id:
            raise ConflictError(f"MRN {patient.mrn} belongs to another patient.")
        return uow.patients.update(patient, change)

    return store.write(action)
