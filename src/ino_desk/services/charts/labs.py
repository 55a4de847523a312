"""Use cases: record a lab result and list a patient's results."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.patients.plausibility import ImplausibleError, confirmed_note, implausible_lab
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from ino_desk.domain.patients.labs import LabResult
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def record_lab_result(
    store: Store, result: LabResult, who: User, *, confirmed: bool = False
) -> LabResult:
    """ImplausibleError for a value outside the site's plausible ranges until confirmed."""

    def action(uow: UnitOfWork) -> LabResult:
        uow.patients.get(result.patient_id)
        change = change_by(uow, who, Permission.EDIT_PATIENTS)
        found = implausible_lab(result, uow.settings.get().plausible)
        if found and not confirmed:
            raise ImplausibleError(found)
        if found:
            change = replace(change, reason=confirmed_note(found))
        return uow.labs.add(result, change)

    return store.write(action)


def lab_results(store: Store, patient_id: int) -> list[LabResult]:
    """Newest first."""
    return store.read(lambda uow: uow.labs.for_patient(patient_id))
