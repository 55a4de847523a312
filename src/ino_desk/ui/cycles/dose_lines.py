"""Table model of a cycle's dose days: date and window, amounts, preparation, status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from ino_desk.domain.bench.preparation import Preparation
from ino_desk.domain.quantities import Unit, format_number, format_quantity
from ino_desk.ui.common.column_table import AnyIndex, ColumnTableModel
from ino_desk.ui.common.typing_compat import override

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ino_desk.domain.cycles.plan import PlannedDose


@dataclass(frozen=True, slots=True)
class DoseLine:
    """One dose as shown: every number was computed by the domain, this only carries it."""

    day: int
    planned_date: date
    window_start: date
    window_end: date
    mg_per_m2: Decimal
    dose_mg: Decimal
    calculated_mg: Decimal
    preparation: Preparation
    status: str = "not saved"
    note: str = ""
    dose_id: int | None = None


def line_from_plan(planned: PlannedDose) -> DoseLine:
    w = planned.window
    return DoseLine(
        day=planned.day,
        planned_date=w.planned_date,
        window_start=w.window_start,
        window_end=w.window_end,
        mg_per_m2=planned.mg_per_m2,
        dose_mg=planned.dose_mg,
        calculated_mg=planned.rounding.calculated_mg,
        preparation=planned.preparation,
    )


class DoseColumn(IntEnum):
    DAY = 0
    DATE = 1
    WINDOW = 2
    MG_PER_M2 = 3
    DOSE = 4
    VIALS = 5
    DRUG_VOLUME = 6
    DILUENT = 7
    CONCENTRATION = 8
    DISCARDED = 9
    STATUS = 10
    NOTE = 11


_HEADERS: dict[Any, Any] = {  # marked for translation, translated when shown
    DoseColumn.DAY: QT_TRANSLATE_NOOP("DoseLinesModel", "Day"),
    DoseColumn.DATE: QT_TRANSLATE_NOOP("DoseLinesModel", "Date"),
    DoseColumn.WINDOW: QT_TRANSLATE_NOOP("DoseLinesModel", "Window"),
    DoseColumn.MG_PER_M2: QT_TRANSLATE_NOOP("DoseLinesModel", "mg/m²"),
    DoseColumn.DOSE: QT_TRANSLATE_NOOP("DoseLinesModel", "Dose"),
    DoseColumn.VIALS: QT_TRANSLATE_NOOP("DoseLinesModel", "Vials"),
    DoseColumn.DRUG_VOLUME: QT_TRANSLATE_NOOP("DoseLinesModel", "Drug volume"),
    DoseColumn.DILUENT: QT_TRANSLATE_NOOP("DoseLinesModel", "NaCl 0.9%"),
    DoseColumn.CONCENTRATION: QT_TRANSLATE_NOOP("DoseLinesModel", "Concentration"),
    DoseColumn.DISCARDED: QT_TRANSLATE_NOOP("DoseLinesModel", "Discarded"),
    DoseColumn.STATUS: QT_TRANSLATE_NOOP("DoseLinesModel", "Status"),
    DoseColumn.NOTE: QT_TRANSLATE_NOOP("DoseLinesModel", "Checklist / reason"),
}


def _window_text(line: DoseLine) -> str:
    if line.window_start == line.window_end:
        return "fixed (cycle start)"
    return f"{line.window_start.isoformat()} to {line.window_end.isoformat()}"


def _cell(line: DoseLine, column: DoseColumn) -> str:
    prep = line.preparation
    match column:
        case DoseColumn.DAY:
            return f"Day {line.day}"
        case DoseColumn.DATE:
            return line.planned_date.isoformat()
        case DoseColumn.WINDOW:
            return _window_text(line)
        case DoseColumn.MG_PER_M2:
            return format_number(line.mg_per_m2)
        case DoseColumn.DOSE:
            text = format_quantity(line.dose_mg, Unit.MG)
            if line.dose_mg != line.calculated_mg:
                text += f" (calculated {format_quantity(line.calculated_mg, Unit.MG)})"
            return text
        case DoseColumn.VIALS:
            return str(prep.vials)
        case DoseColumn.DRUG_VOLUME:
            return format_quantity(prep.drug_volume_ml, Unit.ML)
        case DoseColumn.DILUENT:
            text = format_quantity(prep.diluent_ml, Unit.ML)
            return text if prep.syringe is None else f"{text} ({prep.syringe.describe()})"
        case DoseColumn.CONCENTRATION:
            return format_quantity(prep.concentration_mg_per_ml, Unit.MG_PER_ML)
        case DoseColumn.DISCARDED:
            return format_quantity(prep.discarded_mg, Unit.MG)
        case DoseColumn.STATUS:
            return line.status
        case DoseColumn.NOTE:
            return line.note


class DoseLinesModel(ColumnTableModel):
    """Read-only rows; `set_lines` replaces them all (a cycle has at most a handful)."""

    LineRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__(
            [QCoreApplication.translate("DoseLinesModel", _HEADERS[c]) for c in DoseColumn]
        )
        self._lines: list[DoseLine] = []

    def set_lines(self, lines: Sequence[DoseLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> DoseLine:
        return self._lines[row]

    @property
    def lines(self) -> tuple[DoseLine, ...]:
        return tuple(self._lines)

    @override
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = DoseColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _cell(line, column)
        if role == self.LineRole:
            return line
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (
            DoseColumn.DAY,
            DoseColumn.WINDOW,
            DoseColumn.STATUS,
            DoseColumn.NOTE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @override
    def _row_count(self) -> int:
        return len(self._lines)
