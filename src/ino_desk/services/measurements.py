"""Use cases: record a patient's height and weight, and find the latest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.corrections import in_force
from ino_desk.domain.users import Permission
from ino_desk.services.authority import change_by

if TYPE_CHECKING:
    from ino_desk.domain.labs import Measurement
    from ino_desk.domain.users import User
    from ino_desk.services.ports import Store, UnitOfWork


def record_measurement(store: Store, measurement: Measurement, who: User) -> Measurement:
    def action(uow: UnitOfWork) -> Measurement:
        uow.patients.get(measurement.patient_id)  # NotFoundError names a missing patient
        change = change_by(uow, who, Permission.EDIT_PATIENTS)
        return uow.measurements.add(measurement, change)

    return store.write(action)


def latest_measurement(store: Store, patient_id: int) -> Measurement | None:
    found = store.read(lambda uow: in_force(uow.measurements.for_patient(patient_id)))
    return found[0] if found else None


def measurements_of(store: Store, patient_id: int) -> list[Measurement]:
    """Every measurement, those entered in error too (shown struck through); newest first."""
    return store.read(lambda uow: uow.measurements.for_patient(patient_id))
