"""Use cases: record what became of a dose (given, held, omitted, reduced) and move its date."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.course import DoseStatus
from ino_desk.domain.errors import InputError
from ino_desk.domain.patient import required_text
from ino_desk.domain.preparation import prepare
from ino_desk.domain.quantities import HUNDREDTH, format_quantity, round_half_up
from ino_desk.domain.schedule import DoseWindow, check_dose_date
from ino_desk.domain.users import Permission
from ino_desk.services.authority import change_by

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal

    from ino_desk.domain.course import DoseDay
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.users import User
    from ino_desk.services.ports import Store, UnitOfWork


def record_dose_status(
    store: Store,
    rules: ClinicalRules,
    dose_id: int,
    status: DoseStatus,
    who: User,
    reason: str = "",
    reduced_dose_mg: Decimal | None = None,
) -> DoseDay:
    """Held, omitted and reduced need a reason; a reduced dose states its new amount in mg.

    The label leaves how a reduction is spread to the clinician, so the amount is theirs,
    recorded with their name; vials and volumes are recomputed from it.
    """
    if status is DoseStatus.PLANNED:
        raise InputError("status", "a recorded status is given, held, omitted or reduced")
    if (status is DoseStatus.REDUCED) != (reduced_dose_mg is not None):
        raise InputError("reduced dose", "state the new dose in mg for a reduced dose only")

    def action(uow: UnitOfWork) -> DoseDay:
        change = change_by(uow, who, Permission.RECORD_DOSES, reason.strip())
        dose = uow.doses.get(dose_id)
        changed = replace(
            dose, status=status, reason=reason.strip(), decided_by=change.who, decided_at=uow.now()
        )
        if reduced_dose_mg is not None:
            new_mg = round_half_up(reduced_dose_mg, HUNDREDTH)
            if not 0 < new_mg < dose.dose_mg:
                raise InputError(
                    "reduced dose",
                    f"must be more than 0 mg and less than the planned "
                    f"{format_quantity(dose.dose_mg, 'mg')}",
                )
            prep = prepare(rules, new_mg)
            changed = replace(
                changed,
                dose_mg=prep.dose_mg,
                vials=prep.vials,
                drug_volume_ml=prep.drug_volume_ml,
                diluent_ml=prep.diluent_ml,
                total_volume_ml=prep.total_volume_ml,
            )
        return uow.doses.update(changed, change)

    return store.write(action)


def move_dose_date(
    store: Store, rules: ClinicalRules, dose_id: int, when: date, who: User, reason: str
) -> DoseDay:
    """Move a dose inside its window, keeping the label's minimum gap to the cycle's other doses."""
    required_text(reason, "reason", 2000)

    def action(uow: UnitOfWork) -> DoseDay:
        change = change_by(uow, who, Permission.RECORD_DOSES, reason.strip())
        dose = uow.doses.get(dose_id)
        window = DoseWindow(dose.day, dose.planned_date, dose.window_start, dose.window_end)
        others = [
            d.planned_date
            for d in uow.doses.for_cycle(dose.cycle_id)
            if d.id != dose.id and d.status is not DoseStatus.OMITTED
        ]
        check_dose_date(rules, window, when, others)
        return uow.doses.update(replace(dose, planned_date=when), change)

    return store.write(action)
