"""The patient page's measurements and labs: which row names which record, marking one
entered in error, and showing the marked ones struck through."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton

from ino_desk.domain.quantities import Unit, format_quantity
from ino_desk.services.charts.corrections import (
    mark_lab_in_error,
    mark_measurement_in_error,
)
from ino_desk.ui.common.entered_in_error import ask_and_mark, offer_on_rows, strike

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtWidgets import QTableWidget

    from ino_desk.domain.patients.corrections import Correctable
    from ino_desk.domain.patients.labs import LabResult, Measurement
    from ino_desk.ui.common.desk import Desk
    from ino_desk.ui.common.entered_in_error import Target


def measurement_target(desk: Desk, m: Measurement) -> Target | None:
    if m.entered_in_error is not None or m.id is None:
        return None
    measurement_id = m.id
    name = (
        f"height and weight of {m.measured_on.isoformat()} ({format_quantity(m.height_cm, Unit.CM)}"
        f", {format_quantity(m.weight_kg, Unit.KG)})"
    )
    return name, lambda reason: mark_measurement_in_error(
        desk.store, measurement_id, reason, desk.who()
    )


def lab_target(desk: Desk, r: LabResult) -> Target | None:
    if r.entered_in_error is not None or r.id is None:
        return None
    lab_id = r.id
    name = f"lab results drawn {r.drawn_on.isoformat()}"
    return name, lambda reason: mark_lab_in_error(desk.store, lab_id, reason, desk.who())


class RowCorrections:
    """One table's rows and their records; a context menu and a button mark the chosen row."""

    def __init__(
        self,
        table: QTableWidget,
        target_of: Callable[[object], Target | None],
        done: Callable[[], None],
        object_name: str,
    ) -> None:
        self.table, self.target_of, self.done = table, target_of, done
        self.records: Sequence[Correctable] = ()
        offer_on_rows(table, self.target_at, done)
        self.button = QPushButton(QCoreApplication.translate("RowCorrections", "Entered in error…"))
        self.button.setObjectName(object_name)
        self.button.setAccessibleName(
            QCoreApplication.translate("RowCorrections", "Mark the selected row entered in error")
        )
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.mark_selected)

    def target_at(self, row: int) -> Target | None:
        if not 0 <= row < len(self.records):
            return None
        return self.target_of(self.records[row])

    def mark_selected(self) -> None:
        target = self.target_at(self.table.currentRow())
        if target is not None:
            ask_and_mark(self.table, target, self.done)

    def show(self, records: Sequence[Correctable]) -> None:
        """After the table is filled, one record per row, in the same order."""
        self.records = records
        for row, record in enumerate(records):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    strike(item, record.entered_in_error, self.table)
