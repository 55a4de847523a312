"""A dose's recorded status (given, held, omitted, reduced) marked entered in error: what the
confirmation names, and the service call that marks it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.services.charts.corrections import mark_dose_status_in_error

if TYPE_CHECKING:
    from ino_desk.domain.cycles.course import Cycle, DoseDay
    from ino_desk.ui.common.desk import Desk
    from ino_desk.ui.common.entered_in_error import Target


def dose_status_target(desk: Desk, cycle: Cycle, dose: DoseDay) -> Target:
    dose_id = dose.id or 0
    name = (
        f"“{dose.status}” recorded for cycle {cycle.number} Day {dose.day} "
        f"({dose.planned_date.isoformat()})"
    )
    return name, lambda reason: mark_dose_status_in_error(
        desk.store, desk.rules, dose_id, reason, desk.who()
    )
