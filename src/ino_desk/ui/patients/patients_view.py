"""Patient search: type a name or MRN prefix, the list follows as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ino_desk.services.queries import MAX_ROWS, search_patients
from ino_desk.ui.common.errors import attempt
from ino_desk.ui.common.palette import colours_for, text_style
from ino_desk.ui.patients.patient_table import PatientColumn, PatientTableModel

if TYPE_CHECKING:
    from ino_desk.services.ports.store import PatientRow
    from ino_desk.ui.common.desk import Desk

PAGE_SIZE = 50
TYPING_PAUSE_MS = 120  # one query per pause in typing, not per key


class PatientsView(QWidget):
    patientOpened = Signal(int)  # noqa: N815
    newPatientRequested = Signal()  # noqa: N815

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientsView")
        self.setMinimumWidth(260)
        self.desk = desk
        self.search = QLineEdit()
        self.search.setObjectName("patientSearch")
        self.search.setAccessibleName(self.tr("Find patient by name or MRN"))
        self.search.setPlaceholderText(self.tr("Family name[, given] or MRN (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("&New patient…"))
        self.new_button.setObjectName("newPatientButton")
        self.new_button.setAccessibleName(self.tr("New patient"))
        self.new_button.clicked.connect(self.newPatientRequested)
        self.model = PatientTableModel(self._fetch, PAGE_SIZE, MAX_ROWS)
        self.table = QTableView()
        self.table.setObjectName("patientTable")
        self.table.setAccessibleName(self.tr("Patients found"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PatientColumn.FAMILY, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Fixed widths from the font, not ResizeToContents, which measures every row on every
        # page and sort (slow with hundreds of rows).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PatientColumn.FAMILY, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        # The family name is what a pharmacist reads first: it takes the spare width.
        header.resizeSection(PatientColumn.GIVEN, metrics.horizontalAdvance("Alexandra__"))
        header.resizeSection(PatientColumn.MRN, metrics.horizontalAdvance("DEMO00000000"))
        header.resizeSection(PatientColumn.BIRTH, metrics.horizontalAdvance("0000-00-000"))
        # Never squeezed below its own header (seen cut to "m" beside an open patient at
        # 1024×600): the table scrolls sideways instead.
        header.setMinimumSectionSize(header.sectionSizeFromContents(PatientColumn.FAMILY).width())
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        self.table.activated.connect(self._open)
        self.status = QLabel()
        self.status.setObjectName("patientSearchStatus")
        self.status.setWordWrap(True)  # a narrow list still shows the whole hint
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        desk.patientSaved.connect(lambda _id: self.run_search())
        # Scrolling fetches further pages: keep the count and the cap message current.
        self.model.rowsInserted.connect(lambda *_args: self._show_status())
        self._show_status()

    def _fetch(self, text: str, limit: int) -> list[PatientRow]:
        return search_patients(self.desk.store, text, limit)

    def run_search(self) -> None:
        self._timer.stop()
        attempt(self, self.tr("Find patient"), lambda: self.model.set_query(self.search.text()))
        self._show_status()

    def _show_status(self) -> None:
        self.status.setStyleSheet("")
        if not self.model.query:
            self.status.setText(self.tr("Type a family name or an MRN to find a patient."))
        elif self.model.rowCount() == 0:
            self.status.setText(self.tr("No patient matches “{0}”.").format(self.model.query))
        elif self.model.truncated:
            self.status.setText(
                self.tr(
                    "Only the first {0} matches are listed (sorting orders only these). Type "
                    "more to narrow: more letters of the family name, “Family, Given”, or "
                    "more of the MRN."
                ).format(MAX_ROWS)
            )
            self.status.setStyleSheet(text_style(colours_for(self).caution))
        elif self.model.canFetchMore(QModelIndex()):
            self.status.setText(
                self.tr("{0} shown; scroll for more.").format(self.model.rowCount())
            )
        else:
            count = self.model.rowCount()
            self.status.setText(
                self.tr("{0} patient{1} found.").format(count, "s" if count != 1 else "")
            )

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.patientOpened.emit(self.model.row_at(index.row()).id)
