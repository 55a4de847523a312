"""The IV-room work queue: every dose due today and tomorrow, how far its work has gone, and
what stands against giving it; a scanned bag label or vial, Enter or a double click opens
the dose.

States and rows come from `services.work_queue`, the findings from the course authority
through it, asked only for the rows on screen, a few at a time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.errors import DomainError
from ino_desk.services.planning.work_queue import WorkQueue, standing_findings, work_queue
from ino_desk.services.preparing.dose_scan import dose_for_code
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.errors import attempt, describe
from ino_desk.ui.common.palette import colours_for
from ino_desk.ui.common.scan_field import ScanField
from ino_desk.ui.common.typing_compat import override
from ino_desk.ui.work_queue.state_filter import StateFilter
from ino_desk.ui.work_queue.work_queue import QueueColumn, WorkQueueModel

if TYPE_CHECKING:
    from datetime import date

    from ino_desk.ui.common.desk import Desk

TICK_MS = 15_000  # the countdowns count minutes; a quarter-minute tick keeps them true
FINDINGS_BATCH = 8  # rows asked about per turn of the event loop (each reads its course)
TYPING_PAUSE_MS = 250


class TodayView(QWidget):
    doseOpened = Signal(int, int)  # noqa: N815 - patient id, dose id

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.desk = desk
        self.queue = WorkQueue((), 0, False)
        self.title = QLabel()
        self.title.setObjectName("todayTitle")
        self.scan = ScanField()
        self.scan.setObjectName("queueScan")
        self.scan.setAccessibleName(self.tr("Scan a bag label or a vial to open its dose"))
        self.scan.setPlaceholderText(self.tr("Scan a bag label or vial to open its dose"))
        self.scan.scanned.connect(self.open_scanned)
        self.scan_message = QLabel()
        self.scan_message.setObjectName("queueScanMessage")
        self.scan_message.setWordWrap(True)
        self.days = QComboBox()
        self.days.setObjectName("queueDays")
        self.days.setAccessibleName(self.tr("Days shown"))
        for text, offsets in (
            (self.tr("Today and tomorrow"), (0, 1)),
            (self.tr("Today"), (0, 0)),
            (self.tr("Tomorrow"), (1, 1)),
        ):
            self.days.addItem(text, offsets)
        self.days.currentIndexChanged.connect(self.reload)
        self.patient = QLineEdit()
        self.patient.setObjectName("queuePatient")
        self.patient.setAccessibleName(self.tr("Patient name or MRN starts with"))
        self.patient.setPlaceholderText(self.tr("Patient: family[, given] or MRN"))
        self.patient.setClearButtonEnabled(True)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.reload)
        self.patient.textChanged.connect(lambda _text: self._typing.start())
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setObjectName("todayRefresh")
        refresh.setAccessibleName(self.tr("Refresh the work queue"))
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.clicked.connect(self.reload)
        self.states = StateFilter()
        self.states.changed.connect(self._filter_states)
        self.model = WorkQueueModel(desk.rules)
        self.model.set_colours(colours_for(self))
        self.table = self._table()
        self.note = QLabel()
        self.note.setObjectName("queueNote")
        self.note.setWordWrap(True)
        self._layout(refresh)
        self._findings_turn = QTimer(self, singleShot=True, interval=0)
        self._findings_turn.timeout.connect(self._ask_when_shown)
        self.table.verticalScrollBar().valueChanged.connect(self._findings_turn.start)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(lambda: self.model.set_now(self.desk.clock()))
        self._tick.start()
        desk.dosesChanged.connect(self._doses_changed)

    def _table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("dueDoseTable")
        table.setAccessibleName(self.tr("Work queue: doses due, Enter opens the dose day"))
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)  # 1024×600
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        # Columns fit the rows on screen only: measuring hundreds of rows at every change (a
        # countdown tick, a row's findings) made each change cost tens of milliseconds.
        header.setResizeContentsPrecision(0)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QueueColumn.FINDINGS, QHeaderView.ResizeMode.Stretch)
        table.activated.connect(self._open)  # Enter, or a double click
        return table

    def _layout(self, refresh: QPushButton) -> None:
        scan_row = QHBoxLayout()
        scan_row.addWidget(QLabel(self.tr("Scan:")))
        scan_row.addWidget(self.scan, 2)
        scan_row.addWidget(self.scan_message, 3)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Days:")))
        filters.addWidget(self.days)
        filters.addWidget(QLabel(self.tr("Patient:")))
        filters.addWidget(self.patient, 1)
        filters.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(scan_row)
        layout.addLayout(filters)
        layout.addWidget(self.states)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    # ------------------------------------------------------------------ reading

    def dates(self) -> tuple[date, date]:
        today = self.desk.today()
        first, last = self.days.currentData() or (0, 1)
        return today + timedelta(days=first), today + timedelta(days=last)

    def reload(self) -> None:
        self._typing.stop()
        first, last = self.dates()
        text = self.patient.text()
        if first == last:
            self.title.setText(self.tr("<b>Work queue: doses due %1</b>").replace("%1", str(first)))
        else:
            self.title.setText(
                self.tr("<b>Work queue: doses due %1 and %2</b>")
                .replace("%1", str(first))
                .replace("%2", str(last))
            )
        title = self.tr("Work queue")
        queue = attempt(self, title, lambda: work_queue(self.desk.store, first, last, text))
        self.queue = queue or WorkQueue((), 0, False)
        self.model.set_colours(colours_for(self))
        self.model.set_queue(self.queue.rows, self.desk.clock())
        self.states.set_counts(self.queue.counts())
        self._filter_states()
        self._show_note(text)

    def _show_note(self, text: str) -> None:
        q = self.queue
        if q.truncated:
            note = self.tr(
                "The first %1 doses of %2 are listed: type a patient name or MRN to find the "
                "others."
            )
            listed, total = QLocale().toString(len(q.rows)), QLocale().toString(q.total)
            self.note.setText(note.replace("%1", listed).replace("%2", total))
        elif text.strip():
            note = self.tr("%1 of the %2 doses due are for patients matching “%3”.")
            self.note.setText(
                note.replace("%1", str(len(q.rows)))
                .replace("%2", QLocale().toString(q.total))
                .replace("%3", text.strip())
            )
        elif not q.rows:
            self.note.setText(self.tr("No dose is due on these days."))
        else:
            self.note.setText(self.tr("Enter or a double click opens the dose day."))

    def _filter_states(self) -> None:
        chosen = self.states.chosen
        self.model.set_states(() if chosen is None else (chosen,))
        self._findings_turn.start()

    def _doses_changed(self) -> None:
        if self.isVisible():  # else the queue is read again when it is shown
            self.reload()

    def _ask_when_shown(self) -> None:
        if self.isVisible():  # a hidden queue asks the course rules nothing
            self.ask_findings_for_visible_rows()

    def ask_findings_for_visible_rows(self) -> None:
        """The authority's findings for the rows on screen not asked about yet, a few per turn
        of the event loop, so a day of hundreds of doses never reads them all."""
        rows = self.model.rowCount()
        if not rows:
            return
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(max(self.table.viewport().height() - 1, 0))
        last = rows - 1 if last < 0 else last
        wanted = self.model.missing_findings(first, last)
        if not wanted:
            return
        batch = wanted[:FINDINGS_BATCH]
        found = attempt(
            self,
            self.tr("Findings"),
            lambda: standing_findings(self.desk.store, self.desk.rules, batch),
        )
        if found is None:
            return
        self.model.set_findings(found)
        if len(wanted) > len(batch):
            self._findings_turn.start()

    # ------------------------------------------------------------------ opening a dose

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.row_at(index.row())
            self.doseOpened.emit(row.patient_id, row.dose_id)

    def open_scanned(self, code: str) -> None:
        """Open the dose a bag label or vial names; an unknown code only says so."""
        today = self.desk.today()
        try:
            found = dose_for_code(self.desk.store, code, today, today + timedelta(days=1))
        except (DomainError, StoreError) as exc:  # an unknown code, a busy database
            self._scan_says(describe(exc), error=True)
            return
        self._scan_says(self.tr("Opened the dose of %1.").replace("%1", found.found_by))
        self.doseOpened.emit(found.patient_id, found.dose_id)

    def _scan_says(self, text: str, *, error: bool = False) -> None:
        c = colours_for(self)
        self.scan_message.setStyleSheet(f"color: {c.blocking if error else c.ok}")
        self.scan_message.setText(text)
        self.scan_message.setAccessibleDescription(text)

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)  # a scanner types where focus is
        self._findings_turn.start()
