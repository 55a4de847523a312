"""Use cases: tick a pre-dose checklist item and read what was ticked for a dose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.records import ChecklistCompletion
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def complete_checklist_item(
    store: Store, dose_id: int, item_key: str, who: User
) -> ChecklistCompletion:
    """Records who ticked the item and when (UTC); ticking an item twice keeps the first tick."""

    def action(uow: UnitOfWork) -> ChecklistCompletion:
        change = change_by(uow, who, Permission.TICK_CHECKLIST)
        uow.doses.get(dose_id)
        for done in in_force(uow.checklist.for_dose(dose_id)):
            if done.item_key == item_key:
                return done
        return uow.checklist.add(
            ChecklistCompletion(dose_id, item_key, change.who, uow.now()), change
        )

    return store.write(action)
