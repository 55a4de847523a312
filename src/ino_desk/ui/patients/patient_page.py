"""One patient: identity, measurements, labs, the course timeline, planning and dose days."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.staff.users import Permission
from ino_desk.services.charts.patient_overview import (
    patient_overview,
)
from ino_desk.ui.common.errors import attempt
from ino_desk.ui.common.rights import gate
from ino_desk.ui.cycles.course_dialog import CourseDialog
from ino_desk.ui.cycles.course_facts_dialog import CourseFactsDialog
from ino_desk.ui.cycles.cycle_plan import CyclePlanView
from ino_desk.ui.dose_day.dose_day import DoseDayView
from ino_desk.ui.patients.course_timeline import fill_timeline
from ino_desk.ui.patients.patient_corrections import RowCorrections, lab_target, measurement_target
from ino_desk.ui.patients.patient_dialog import PatientDialog
from ino_desk.ui.patients.patient_header import header_html
from ino_desk.ui.patients.patient_tables import fill, lab_rows, measurement_rows, new_table
from ino_desk.ui.patients.record_dialogs import LabDialog, MeasurementDialog

if TYPE_CHECKING:
    from ino_desk.domain.patients.labs import LabResult
    from ino_desk.services.charts.patient_overview import PatientOverview
    from ino_desk.ui.common.desk import Desk


def _scrolled(widget: QWidget, object_name: str) -> QScrollArea:
    area = QScrollArea()
    area.setObjectName(object_name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class PatientPage(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientPage")
        self.desk = desk
        self.overview: PatientOverview | None = None
        self._add_buttons: list[QPushButton] = []  # measurement, labs, course: in that order
        self.header = QLabel(self.tr("Open a patient from the list."))
        self.header.setObjectName("patientHeader")
        self.header.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("Correct record…"))
        self.edit_button.setObjectName("editPatientButton")
        self.edit_button.setAccessibleName(self.tr("Correct the patient record"))
        self.edit_button.clicked.connect(self.edit_patient)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("patientTabs")

        self.measurements = new_table(
            "measurementTable",
            self.tr("Measurements"),
            [
                self.tr("Date"),
                self.tr("Height"),
                self.tr("Weight"),
                self.tr("Change from course start"),
                self.tr("Flag"),
            ],
        )
        self.labs = new_table(
            "labTable",
            self.tr("Laboratory results"),
            [
                self.tr("Drawn"),
                self.tr("ANC ×10⁹/L"),
                self.tr("Platelets ×10⁹/L"),
                self.tr("Transfused since"),
                self.tr("Bilirubin mg/dL (ULN)"),
                self.tr("AST (ULN)"),
                self.tr("ALT (ULN)"),
                self.tr("Blasts /mm³"),
                self.tr("Source"),
            ],
        )
        self.measurement_errors = RowCorrections(
            self.measurements,
            lambda m: measurement_target(desk, m),  # type: ignore[arg-type]
            self._reload,
            "measurementInErrorButton",
        )
        self.lab_errors = RowCorrections(
            self.labs,
            lambda r: lab_target(desk, r),  # type: ignore[arg-type]
            self._reload,
            "labInErrorButton",
        )
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("courseTimeline")
        self.timeline.setAccessibleName(self.tr("Courses and cycles"))
        self.timeline.setHeaderLabels(
            [self.tr("Course / cycle / dose"), self.tr("Dates"), self.tr("Dose"), self.tr("Status")]
        )
        self.timeline.itemActivated.connect(self._timeline_activated)
        self.plan = CyclePlanView(desk)
        self.dose_day = DoseDayView(desk)

        self.tabs.addTab(
            self._with_button(
                self.measurements,
                "addMeasurementButton",
                self.tr("Record height and weight…"),
                self.add_measurement,
                self.measurement_errors.button,
            ),
            self.tr("Measurements"),
        )
        self.tabs.addTab(
            self._with_button(
                self.labs,
                "addLabButton",
                self.tr("Record labs…"),
                self.add_lab,
                self.lab_errors.button,
            ),
            self.tr("Labs"),
        )
        self.facts_button = QPushButton(self.tr("Clinical facts (VOD, low counts, CrCl)…"))
        self.facts_button.setObjectName("courseFactsButton")
        self.facts_button.setAccessibleName(
            self.tr("Record the clinical facts of the current course")
        )
        self.facts_button.clicked.connect(self.edit_course_facts)
        courses_tab = self._with_button(
            self.timeline,
            "startCourseButton",
            self.tr("Start a course…"),
            self.start_course,
            self.facts_button,
        )
        self.tabs.addTab(courses_tab, self.tr("Courses"))
        # Short tab names: all five fit beside the patient list at 1024 wide.
        # Scrollable, so the window still fits a 1024×600 screen; larger screens see no bars.
        self._dose_day_tab = _scrolled(self.dose_day, "doseDayScroll")
        self.tabs.addTab(_scrolled(self.plan, "cyclePlanScroll"), self.tr("Plan cycle"))
        self.tabs.addTab(self._dose_day_tab, self.tr("Dose day"))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        desk.patientDataChanged.connect(self._data_changed)
        desk.patientSaved.connect(self._data_changed)
        self._enable(False)
        gate(desk, Permission.EDIT_PATIENTS, self.edit_button, *self._add_buttons[:2])
        gate(desk, Permission.PLAN_CYCLES, self._add_buttons[2], self.facts_button)
        gate(
            desk,
            Permission.MARK_ENTERED_IN_ERROR,
            self.measurement_errors.button,
            self.lab_errors.button,
        )

    def _with_button(
        self, widget: QWidget, name: str, text: str, slot: object, *extra: QWidget
    ) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        self._add_buttons.append(button)
        row = QHBoxLayout()
        row.addWidget(button)
        for other in extra:
            row.addWidget(other)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(widget, 1)
        return box

    def _enable(self, on: bool) -> None:
        self.tabs.setEnabled(on)
        self.edit_button.setEnabled(on)

    @property
    def patient_id(self) -> int | None:
        return self.overview.patient.id if self.overview else None

    def _tab_index_of(self, view: QWidget) -> int:
        """The tab showing `view`, directly or inside the scroll area that wraps it; -1 if none."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if tab is view or (isinstance(tab, QScrollArea) and tab.widget() is view):
                return index
        return -1

    def showing(self, view: QWidget) -> bool:
        index = self._tab_index_of(view)
        return index >= 0 and index == self.tabs.currentIndex()

    def show_view(self, view: QWidget) -> None:
        index = self._tab_index_of(view)
        if index >= 0:
            self.tabs.setCurrentIndex(index)

    def open_patient(self, patient_id: int) -> None:
        overview = attempt(
            self, self.tr("Open patient"), lambda: patient_overview(self.desk.store, patient_id)
        )
        self.overview = overview
        self._enable(overview is not None)
        self._render()

    def close_patient(self) -> None:
        """No patient open: the screen shows none until one is opened again."""
        self.overview = None
        self._enable(False)
        self._render()

    def _reload(self) -> None:
        if self.patient_id is not None:
            self.desk.patientDataChanged.emit(self.patient_id)

    def _data_changed(self, patient_id: int) -> None:
        if patient_id == self.patient_id:
            self.open_patient(patient_id)

    # ------------------------------------------------------------------ rendering

    def _render(self) -> None:
        o = self.overview
        if o is None:
            self.header.setText(self.tr("Open a patient from the list."))
            return
        self.header.setText(header_html(o, self.desk.today()))
        fill(self.measurements, measurement_rows(o))
        self.measurement_errors.show(o.measurements)
        fill(self.labs, lab_rows(o, self._lab_source))
        self.lab_errors.show(o.labs)
        self._render_timeline()
        self.plan.set_overview(o)
        self.dose_day.set_overview(o)

    def _lab_source(self, result: LabResult) -> str:
        if result.entered_in_error is not None:
            return self.tr("entered in error: %1").replace("%1", result.entered_in_error.reason)
        if result.imported:
            return self.tr("imported: %1").replace("%1", result.source)
        return self.tr("typed in")

    def _render_timeline(self) -> None:
        o = self.overview
        self.timeline.clear()
        self.facts_button.setEnabled(o is not None and o.current_course is not None)
        if o is None:
            return
        fill_timeline(self.timeline, o, self.desk)

    def _timeline_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        dose_id = item.data(0, Qt.ItemDataRole.UserRole)
        if dose_id is not None:
            self.dose_day.select_dose(int(dose_id))
            self.tabs.setCurrentWidget(self._dose_day_tab)

    # ------------------------------------------------------------------ actions

    def edit_patient(self) -> None:
        if self.overview is not None:
            PatientDialog(self.desk, self.overview.patient, self).exec()

    def add_measurement(self) -> None:
        if self.patient_id is not None:
            MeasurementDialog(self.desk, self.patient_id, self).exec()

    def add_lab(self) -> None:
        if self.patient_id is not None:
            LabDialog(self.desk, self.patient_id, self).exec()

    def edit_course_facts(self) -> None:
        o = self.overview
        if o is not None and o.current_course is not None and self.patient_id is not None:
            CourseFactsDialog(self.desk, o.current_course.course, self.patient_id, self).exec()

    def start_course(self) -> None:
        if self.patient_id is not None:
            CourseDialog(self.desk, self.patient_id, self).exec()
