"""Use case: record a prepared bag (vial lots, reconstitution and dilution times, two people)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from ino_desk.domain.records import PreparationRecord
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def record_preparation(
    store: Store, preparation: PreparationRecord, who: User
) -> PreparationRecord:
    def action(uow: UnitOfWork) -> PreparationRecord:
        change = change_by(uow, who, Permission.RECORD_PREPARATION)
        uow.doses.get(preparation.dose_id)
        return uow.preparations.add(preparation, change)

    return store.write(action)


def preparations_of(store: Store, dose_id: int) -> list[PreparationRecord]:
    return store.read(lambda uow: uow.preparations.for_dose(dose_id))
