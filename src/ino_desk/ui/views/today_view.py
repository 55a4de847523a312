"""Doses due today and tomorrow across all patients; open one to work on it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.errors import DomainError
from ino_desk.services.dose_day import checklist_state
from ino_desk.services.ports import StoreError
from ino_desk.services.queries import doses_due
from ino_desk.ui.errors import attempt
from ino_desk.ui.models.due_doses import DueColumn, DueDosesModel

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.ui.desk import Desk


class TodayView(QWidget):
    doseOpened = Signal(int, int)  # noqa: N815 - patient id, dose id

    def __init__(
        self, desk: Desk, today: Callable[[], date] = date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.desk = desk
        self.today = today
        self.title = QLabel()
        self.title.setObjectName("todayTitle")
        self.model = DueDosesModel()
        self.table = QTableView()
        self.table.setObjectName("dueDoseTable")
        self.table.setAccessibleName("Doses due today and tomorrow")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a day's doses
        header.setSectionResizeMode(DueColumn.PATIENT, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open)
        refresh = QPushButton("Refresh")
        refresh.setObjectName("todayRefresh")
        refresh.setAccessibleName("Refresh doses due")
        refresh.clicked.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(refresh)
        desk.dosesChanged.connect(self.reload)

    def reload(self) -> None:
        first = self.today()
        last = first + timedelta(days=1)
        self.title.setText(
            f"<b>Doses due today ({first.isoformat()}) and tomorrow ({last.isoformat()})</b>"
        )
        rows = attempt(self, "Doses due", lambda: doses_due(self.desk.store, first, last)) or []
        self.model.set_rows(rows, {row.dose_id: self._checklist_note(row.dose_id) for row in rows})

    def _checklist_note(self, dose_id: int) -> str:
        try:
            state = checklist_state(self.desk.store, self.desk.rules, dose_id)
        except (DomainError, StoreError):
            return "unknown"
        missing = len(state.missing)
        return "complete" if not missing else f"incomplete: {missing} of {len(state.items)} missing"

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.row_at(index.row())
            self.doseOpened.emit(row.patient_id, row.dose_id)
