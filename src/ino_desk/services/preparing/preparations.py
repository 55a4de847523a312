"""The prepared bags of a dose as saved (vial lots, bench times, who prepared and checked);
they are saved at the bench: `services.preparing.bench.save_preparation`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ino_desk.domain.records import PreparationRecord
    from ino_desk.services.ports.store import Store


def preparations_of(store: Store, dose_id: int) -> list[PreparationRecord]:
    return store.read(lambda uow: uow.preparations.for_dose(dose_id))
