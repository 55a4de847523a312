"""Table model of the doses due across patients (the Today screen)."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from ino_desk.domain.quantities import Unit, format_quantity
from ino_desk.ui.models.column_table import AnyIndex, ColumnTableModel
from ino_desk.ui.typing_compat import override

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ino_desk.services.ports import DueDoseRow


class DueColumn(IntEnum):
    DATE = 0
    PATIENT = 1
    MRN = 2
    CYCLE_DAY = 3
    DOSE = 4
    STATUS = 5
    CHECKLIST = 6


_HEADERS = {
    DueColumn.DATE: "Date",
    DueColumn.PATIENT: "Patient",
    DueColumn.MRN: "MRN",
    DueColumn.CYCLE_DAY: "Cycle / day",
    DueColumn.DOSE: "Dose",
    DueColumn.STATUS: "Status",
    DueColumn.CHECKLIST: "Checklist",
}


def _cell(row: DueDoseRow, column: DueColumn, checklist: str) -> str:
    match column:
        case DueColumn.DATE:
            return row.planned_date.isoformat()
        case DueColumn.PATIENT:
            return row.patient_name
        case DueColumn.MRN:
            return row.mrn
        case DueColumn.CYCLE_DAY:
            return f"C{row.cycle_number} D{row.day}"
        case DueColumn.DOSE:
            return format_quantity(row.dose_mg, Unit.MG)
        case DueColumn.STATUS:
            return row.status.value
        case DueColumn.CHECKLIST:
            return checklist


class DueDosesModel(ColumnTableModel):
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__([_HEADERS[c] for c in DueColumn])
        self._rows: list[DueDoseRow] = []
        self._checklist: dict[int, str] = {}

    def set_rows(self, rows: Sequence[DueDoseRow], checklist: Mapping[int, str]) -> None:
        """`checklist` says, per dose id, whether its checklist is complete."""
        self.beginResetModel()
        self._rows = list(rows)
        self._checklist = dict(checklist)
        self.endResetModel()

    def row_at(self, row: int) -> DueDoseRow:
        return self._rows[row]

    @override
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _cell(row, DueColumn(index.column()), self._checklist.get(row.dose_id, ""))
        if role == self.RowRole:
            return row
        return None

    @override
    def _row_count(self) -> int:
        return len(self._rows)
