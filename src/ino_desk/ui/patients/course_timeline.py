"""The course timeline of the patient page: courses, their cycles and every dose day, with
each dose's status and what its checklist still misses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.quantities import Unit, format_quantity
from ino_desk.services.planning.dose_day import checklist_state
from ino_desk.ui.cycles.course_facts_dialog import describe_facts

if TYPE_CHECKING:
    from ino_desk.services.charts.patient_overview import PatientOverview
    from ino_desk.ui.common.desk import Desk

_LEVEL_TEXT = {
    ReductionLevel.FULL: "",
    ReductionLevel.REDUCED_TOTAL: "; reduced total dose",
    ReductionLevel.TWO_DOSES: "; 2 doses per cycle",
    ReductionLevel.STOP: "; stopped",
}


def fill_timeline(tree: QTreeWidget, o: PatientOverview, desk: Desk) -> None:
    """One row per course, cycle and dose day; a dose's row carries its id (UserRole)."""
    for n, record in enumerate(o.courses, start=1):
        c = record.course
        hsct = {None: "HSCT not decided", True: "HSCT planned", False: "no HSCT"}
        course_item = QTreeWidgetItem(
            [
                f"Course {n} ({c.bsa_formula.display_name}, {hsct[c.hsct_planned]})",
                f"from {c.started_on.isoformat()}",
                QCoreApplication.translate("PatientPage", "cumulative: %1").replace(
                    "%1", record.cumulative.text
                ),
                describe_facts(c),
            ]
        )
        tree.addTopLevelItem(course_item)
        for cyc in record.cycles:
            cycle = cyc.cycle
            response = cycle.response.display_name if cycle.response else "not assessed"
            cycle_item = QTreeWidgetItem(
                [
                    f"Cycle {cycle.number} — {cycle.length_days} days",
                    f"{cycle.start.isoformat()}",
                    f"BSA {format_quantity(cycle.bsa_m2, Unit.M2)}",
                    f"response: {response}{_LEVEL_TEXT[cycle.reduction_level]}",
                ]
            )
            course_item.addChild(cycle_item)
            for dose in cyc.doses:
                assert dose.id is not None
                dose_id = dose.id
                state = checklist_state(desk.store, desk.rules, dose_id)
                status = dose.status.value
                if dose.reason:
                    status += f": {dose.reason}"
                if not state.complete and dose.status is not DoseStatus.OMITTED:
                    status += f" — checklist: {len(state.missing)} missing"
                item = QTreeWidgetItem(
                    [
                        f"Day {dose.day}",
                        dose.planned_date.isoformat(),
                        format_quantity(dose.dose_mg, Unit.MG),
                        status,
                    ]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, dose_id)
                cycle_item.addChild(item)
    tree.expandAll()
    for column in range(4):
        tree.resizeColumnToContents(column)
