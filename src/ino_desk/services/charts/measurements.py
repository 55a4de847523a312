"""Use cases: record a patient's height and weight, and find the latest."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.patients.bsa import body_surface_area
from ino_desk.domain.patients.plausibility import (
    ImplausibleError,
    confirmed_note,
    implausible_measurement,
)
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from ino_desk.domain.patients.labs import Measurement
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def record_measurement(
    store: Store, measurement: Measurement, who: User, *, confirmed: bool = False
) -> Measurement:
    """ImplausibleError for a value outside the site's plausible ranges (height, weight, and
    the BSA they give by the site's formula) until the user confirms; the audit says so."""

    def action(uow: UnitOfWork) -> Measurement:
        uow.patients.get(measurement.patient_id)  # NotFoundError names a missing patient
        change = change_by(uow, who, Permission.EDIT_PATIENTS)
        settings = uow.settings.get()
        m = measurement
        bsa = body_surface_area(m.height_cm, m.weight_kg, settings.policy.bsa_formula)
        found = implausible_measurement(m.height_cm, m.weight_kg, bsa, settings.plausible)
        if found and not confirmed:
            raise ImplausibleError(found)
        if found:
            change = replace(change, reason=confirmed_note(found))
        return uow.measurements.add(measurement, change)

    return store.write(action)


def measurements_of(store: Store, patient_id: int) -> list[Measurement]:
    """Every measurement, those entered in error too (shown struck through); newest first."""
    return store.read(lambda uow: uow.measurements.for_patient(patient_id))
