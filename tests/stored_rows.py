"""Rows written as set-up, the way a database may already hold them, not through a use case.

A preparation row without the bench's signatures is what ino-desk stored before bags were
saved at the bench (`services.preparing.bench.save_preparation`, which needs the order
verified, the bag signed "prepared" and double-checked); documents still read such rows, so
tests of the documents put one in. It is written by the repository with the audit entry a
user with the right to record preparations makes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from ino_desk.domain.records import PreparationRecord
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def stored_preparation_row(
    store: Store, preparation: PreparationRecord, who: User
) -> PreparationRecord:
    def action(uow: UnitOfWork) -> PreparationRecord:
        change = change_by(uow, who, Permission.RECORD_PREPARATION)
        uow.doses.get(preparation.dose_id)  # the dose must exist
        return uow.preparations.add(preparation, change)

    return store.write(action)
