"""Use cases: record a patient's height and weight, and find the latest."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.patients.bsa import body_surface_area
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.patients.plausibility import (
    ImplausibleError,
    confirmed_note,
    implausible_measurement,
    weight_changed,
)
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from ino_desk.domain.patients.labs import Measurement
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def record_measurement(
    store: Store,
    measurement: Measurement,
    who: User,
    *,
    confirmed: bool = False,
    weight_change_confirmed: bool = False,
) -> Measurement:
    """ImplausibleError for a value outside the site's plausible ranges (height, weight, and
    the BSA they give by the site's formula) until the user confirms, and for a weight more
    than WEIGHT_CHANGE_ALERT_PERCENT from the last measurement in force until that change is
    confirmed; the error carries only what is still unconfirmed, the audit says what was."""

    def action(uow: UnitOfWork) -> Measurement:
        uow.patients.get(measurement.patient_id)  # NotFoundError names a missing patient
        change = change_by(uow, who, Permission.EDIT_PATIENTS)
        settings = uow.settings.get()
        m = measurement
        bsa = body_surface_area(m.height_cm, m.weight_kg, settings.policy.bsa_formula)
        outside = implausible_measurement(m.height_cm, m.weight_kg, bsa, settings.plausible)
        last = in_force(uow.measurements.for_patient(m.patient_id))
        moved = weight_changed(last[0].weight_kg if last else None, m.weight_kg)
        unconfirmed = (() if confirmed else outside) + (() if weight_change_confirmed else moved)
        if unconfirmed:
            raise ImplausibleError(unconfirmed)
        if outside or moved:
            change = replace(change, reason=confirmed_note(outside + moved))
        return uow.measurements.add(measurement, change)

    return store.write(action)


def measurements_of(store: Store, patient_id: int) -> list[Measurement]:
    """Every measurement, those entered in error too (shown struck through); newest first."""
    return store.read(lambda uow: uow.measurements.for_patient(patient_id))
