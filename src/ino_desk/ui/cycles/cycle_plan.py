"""Plan the course's next cycle: the pharmacist's choices in, the domain's plan shown live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.regimen import ExtensionReason, Response
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.findings import RefusedError
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.quantities import Unit, format_number, format_quantity
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.cycle_planning import (
    Reduction,
    next_cycle,
    preview_next_cycle,
    save_next_cycle,
)
from ino_desk.services.planning.cycles import CycleInput, record_cycle_response
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.findings_panel import FindingsPanel
from ino_desk.ui.common.palette import colours_for, text_style
from ino_desk.ui.common.rights import gate
from ino_desk.ui.cycles.dose_lines import DoseColumn, DoseLinesModel, line_from_plan
from ino_desk.ui.patients.patient_dialog import date_to_qdate, qdate_to_date

if TYPE_CHECKING:
    from ino_desk.domain.cycles.plan import CyclePlan
    from ino_desk.services.charts.patient_overview import PatientOverview
    from ino_desk.ui.common.desk import Desk

_MRD = {"not assessed": None, "MRD negative": True, "MRD positive": False}


def _named(widget: QWidget, object_name: str, accessible: str) -> QWidget:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


class CyclePlanView(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cyclePlanView")
        self.desk = desk
        self.overview: PatientOverview | None = None
        self.plan: CyclePlan | None = None
        rules = desk.rules
        self.course_label = QLabel()
        self.course_label.setObjectName("planCourse")
        self.course_label.setWordWrap(True)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.length = QComboBox()
        self.extension = QComboBox()
        self.extension.addItem(self.tr("— choose a reason —"), None)
        for reason in ExtensionReason:
            self.extension.addItem(reason.display_name, reason)
        self.response = QComboBox()
        self.response.addItem(self.tr("— not recorded —"), None)
        for response in (Response.CR, Response.CRI, Response.NONE):
            self.response.addItem(response.display_name, response)
        self.mrd = QComboBox()
        for text, value in _MRD.items():
            self.mrd.addItem(text, value)
        self.reduction = QComboBox()
        percent = format_number(rules.reduction_percent.value)
        count = rules.reduced_doses_per_cycle.value
        self.reduction.addItem(self.tr("Full dose (PI 2.1 Table 1)"), ReductionLevel.FULL)
        self.reduction.addItem(
            self.tr("Total reduced by {0} % ({1})").format(
                percent, rules.reduction_percent.citation
            ),
            ReductionLevel.REDUCED_TOTAL,
        )
        self.reduction.addItem(
            self.tr("{0} doses per cycle ({1})").format(
                count, rules.reduced_doses_per_cycle.citation
            ),
            ReductionLevel.TWO_DOSES,
        )
        for combo in (self.reduction, self.extension, self.response, self.mrd, self.length):
            # Long cited item texts must not widen the window; the popup still shows them whole.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
        self.day_boxes: dict[int, QCheckBox] = {}
        days_box = QWidget()
        days_layout = QHBoxLayout(days_box)
        days_layout.setContentsMargins(0, 0, 0, 0)
        for day in rules.dose_days.value:
            box = QCheckBox(self.tr("Day {0}").format(day))
            _named(box, f"planReducedDay{day}", self.tr("Keep day {0}").format(day))
            self.day_boxes[day] = box
            days_layout.addWidget(box)
            box.toggled.connect(self.refresh)
        days_layout.addStretch(1)
        self.prescriber = QLineEdit()
        self.prescriber.setMaxLength(100)
        self.prescriber.setPlaceholderText(self.tr("Who ordered this cycle"))
        self.prescriber_id = QLineEdit()
        self.prescriber_id.setMaxLength(40)
        self.prescriber_id.setPlaceholderText(self.tr("NPI or licence number"))
        self.override = QLineEdit()
        self.override.setPlaceholderText(self.tr("Required to save a plan with a blocking finding"))
        self.response_button = QPushButton(self.tr("Record response only"))
        _named(
            self.response_button,
            "planRecordResponse",
            self.tr("Record the previous cycle's response"),
        )
        self.response_button.setToolTip(
            self.tr("Save the previous cycle's response and MRD without planning another cycle")
        )
        self.response_button.clicked.connect(self.record_response)
        self.save_button = QPushButton(self.tr("Save cycle plan"))
        _named(self.save_button, "planSaveButton", self.tr("Save cycle plan"))
        self.save_button.clicked.connect(self.save)
        gate(desk, Permission.PLAN_CYCLES, self.save_button, self.response_button)
        self.saved_note = QLabel()
        self.saved_note.setObjectName("planSavedNote")
        self.saved_note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("planMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(text_style(colours_for(self).blocking))

        left = QFormLayout()
        left.addRow(
            self.tr("Cycle starts on:"),
            _named(self.start, "planStart", self.tr("Cycle start date")),
        )
        left.addRow(
            self.tr("Cycle length:"),
            _named(self.length, "planLength", self.tr("Cycle length in days")),
        )
        left.addRow(
            self.tr("Why longer:"),
            _named(self.extension, "planExtensionReason", self.tr("Reason for 28 days")),
        )
        left.addRow(
            self.tr("Previous response:"),
            _named(
                self.response, "planPreviousResponse", self.tr("Response of the previous cycle")
            ),
        )
        left.addRow(
            self.tr("MRD:"),
            _named(self.mrd, "planMrd", self.tr("MRD status of the previous cycle")),
        )
        left.addRow(self.response_button)
        right_form = QFormLayout()
        right_form.addRow(
            self.tr("Dose level:"),
            _named(self.reduction, "planReduction", self.tr("Dose reduction for toxicity")),
        )
        right_form.addRow(self.tr("Days kept (2 doses):"), days_box)
        right_form.addRow(
            self.tr("Prescriber:"), _named(self.prescriber, "planPrescriber", self.tr("Prescriber"))
        )
        right_form.addRow(
            self.tr("Prescriber ID:"),
            _named(self.prescriber_id, "planPrescriberId", self.tr("Prescriber identifier")),
        )
        right_form.addRow(
            self.tr("Override reason:"),
            _named(self.override, "planOverrideReason", self.tr("Override reason")),
        )
        right_form.addRow(self.save_button)
        right_form.addRow(self.saved_note)
        form_row = QHBoxLayout()
        form_row.addWidget(self.course_label, 2)
        form_row.addLayout(left, 3)
        form_row.addLayout(right_form, 3)
        form_box = QWidget()
        form_box.setLayout(form_row)

        self.model = DoseLinesModel()
        self.table = QTableView()
        _named(self.table, "planDoseTable", self.tr("Planned doses"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A plan is not saved yet: status and checklist belong to the saved dose days.
        self.table.setColumnHidden(DoseColumn.STATUS, True)
        self.table.setColumnHidden(DoseColumn.NOTE, True)
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.findings = FindingsPanel(
            self.tr("Findings"), self.tr("No findings: the plan follows the label."), "planFindings"
        )
        results = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.table, 1)
        results.addWidget(top)
        results.addWidget(self.findings)
        results.setStretchFactor(0, 1)
        results.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(form_box, 0)
        layout.addWidget(self.message)
        layout.addWidget(results, 1)
        for combo in (self.length, self.extension, self.response, self.mrd, self.reduction):
            combo.currentIndexChanged.connect(self.refresh)
        self.start.dateChanged.connect(self.refresh)
        self._loading = False

    # ------------------------------------------------------------------ state in

    def set_overview(self, overview: PatientOverview | None) -> None:
        self._loading = True
        self.overview = overview
        rules = self.desk.rules
        course = overview.current_course if overview else None
        cycles = course.cycles if course else ()
        number = len(cycles) + 1
        self.length.clear()
        if number == 1:
            self.length.addItem(
                self.tr("{0} days").format(rules.regimen_cycle1.cycle_length_days), None
            )
            extended = rules.cycle1_extended_length_days.value
            self.length.addItem(self.tr("{0} days (extended)").format(extended), extended)
        else:
            later = rules.regimen_later_cr_cri.cycle_length_days
            self.length.addItem(self.tr("{0} days").format(later), None)
        outlook = next_cycle(self.desk.store, rules, course.course.id or 0) if course else None
        if cycles and outlook is not None and outlook.earliest_start is not None:
            last = cycles[-1].cycle
            # The earliest start the rules allow (PI 2.1): after the cycle and 6 days clear.
            self.start.setDate(date_to_qdate(outlook.earliest_start))
            self.response.setCurrentIndex(self.response.findData(last.response))
            self.mrd.setCurrentIndex(self.mrd.findData(last.mrd_negative))
        elif course is not None:
            self.start.setDate(date_to_qdate(course.course.started_on))
        else:
            self.start.setDate(QDate.currentDate())
        current = outlook.level if outlook else ReductionLevel.FULL
        model = self.reduction.model()
        for row in range(self.reduction.count()):
            item = model.index(row, 0)
            level = ReductionLevel(self.reduction.itemData(row))
            # No re-escalation (PI 2.3): levels below the course's are not offered.
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
            model.setData(
                item,
                flags if level >= current else Qt.ItemFlag.NoItemFlags,
                Qt.ItemDataRole.UserRole - 1,
            )
        self.reduction.setCurrentIndex(self.reduction.findData(current))
        self.override.clear()
        self.prescriber.clear()
        self.prescriber_id.clear()
        self._loading = False
        self.refresh()

    def _input(self) -> CycleInput:
        overview = self.overview
        if overview is None or overview.current_course is None:
            raise InputError("course", "start a course before planning a cycle")
        measured = in_force(overview.measurements)
        if not measured:
            raise InputError("height and weight", "record them before planning a cycle")
        course_id = overview.current_course.course.id
        measurement_id = measured[0].id
        assert course_id is not None
        assert measurement_id is not None
        length = self.length.currentData()
        reason = self.extension.currentData()
        return CycleInput(
            course_id=course_id,
            measurement_id=measurement_id,
            start=qdate_to_date(self.start.date()),
            cycle_length_days=length,
            extension_reason=ExtensionReason(reason) if length and reason else None,
            override_reason=self.override.text(),
            prescriber_name=self.prescriber.text(),
            prescriber_id=self.prescriber_id.text(),
        )

    def _reduction(self) -> Reduction:
        level = ReductionLevel(self.reduction.currentData())
        days = tuple(d for d, box in self.day_boxes.items() if box.isChecked())
        return Reduction(level, days if level is ReductionLevel.TWO_DOSES else ())

    def _previous(self) -> CycleOutcome | None:
        course = self.overview.current_course if self.overview else None
        if course is None or not course.cycles:
            return None
        response = self.response.currentData()  # Qt hands enum values back as plain str
        return CycleOutcome(Response(response) if response else None, self.mrd.currentData())

    # ------------------------------------------------------------------ live plan

    def _describe(self) -> None:
        course = self.overview.current_course if self.overview else None
        cycles = course.cycles if course else ()
        first = not cycles
        self.length.setEnabled(first)
        self.extension.setEnabled(first and self.length.currentData() is not None)
        self.response.setEnabled(not first)
        self.mrd.setEnabled(not first)
        self.response_button.setEnabled(not first)
        two = self.reduction.currentData() == ReductionLevel.TWO_DOSES
        for box in self.day_boxes.values():
            box.setEnabled(two)
        if course is None:
            self.course_label.setText(self.tr("No course yet: start a course on the patient page."))
            return
        c = course.course
        hsct = {None: "not decided", True: "yes", False: "no"}[c.hsct_planned]
        in_use = in_force(self.overview.measurements) if self.overview else []
        m = in_use[0] if in_use else None
        measured = (
            f"{format_quantity(m.height_cm, Unit.CM)}, {format_quantity(m.weight_kg, Unit.KG)} "
            f"measured {m.measured_on.isoformat()}"
            if m
            else "no height and weight recorded"
        )
        self.course_label.setText(
            self.tr(
                "<b>Cycle {0}</b> of the course started {1}<br>HSCT planned: {2}; BSA "
                "formula {3} (locked)<br>{4}"
            ).format(
                len(cycles) + 1,
                c.started_on.isoformat(),
                hsct,
                c.bsa_formula.display_name,
                measured,
            )
        )

    def refresh(self) -> None:
        if self._loading:
            return
        self._describe()
        self.message.clear()
        self.plan = None
        try:
            given = self._input()
            self.plan = preview_next_cycle(
                self.desk.store, self.desk.rules, given, self._reduction(), self._previous()
            )
        except (DomainError, StoreError) as exc:
            self.model.set_lines(())
            self.findings.set_findings(())
            self.summary.clear()
            self.message.setText(_text(exc))
            self.save_button.setEnabled(False)
            return
        plan = self.plan
        self.model.set_lines([line_from_plan(d) for d in plan.doses])
        self.findings.set_findings(plan.findings)
        row = plan.regimen.row
        self.summary.setText(
            self.tr(
                "<b>{0}</b> ({1}): {2} days; BSA {3} ({4}), dosing BSA {5}; total {6} this cycle."
            ).format(
                row.applies_to,
                row.section,
                plan.regimen.cycle_length_days,
                format_quantity(plan.request.bsa_m2, Unit.M2),
                plan.request.bsa_formula.display_name,
                format_quantity(plan.dosing_bsa_m2, Unit.M2),
                format_quantity(plan.total_mg, Unit.MG),
            )
        )
        self.override.setEnabled(plan.blocked)
        self.save_button.setEnabled(True)
        self.table.resizeColumnsToContents()

    def record_response(self) -> None:
        course = self.overview.current_course if self.overview else None
        previous = self._previous()
        if course is None or previous is None or self.overview is None:
            return
        last = course.cycles[-1].cycle
        self.message.clear()
        self.saved_note.clear()
        try:
            if previous.response is None:
                raise InputError("previous response", "choose CR, CRi or no CR/CRi")
            assert last.id is not None
            record_cycle_response(
                self.desk.store, last.id, previous.response, previous.mrd_negative, self.desk.who()
            )
        except (DomainError, StoreError) as exc:
            self.message.setText(_text(exc))
            return
        patient_id = self.overview.patient.id
        assert patient_id is not None
        self.desk.patientDataChanged.emit(patient_id)
        self.saved_note.setText(self.tr("Response of cycle {0} recorded.").format(last.number))

    def save(self) -> None:
        self.message.clear()
        self.saved_note.clear()
        try:
            given = self._input()
            saved = save_next_cycle(
                self.desk.store,
                self.desk.rules,
                given,
                self._reduction(),
                self.desk.who(),
                self._previous(),
            )
        except RefusedError as exc:
            if not exc.overridable:
                self.message.setText(
                    self.tr("This plan has a stop that cannot be overridden: {0}").format(
                        "; ".join(f.one_line() for f in exc.findings)
                    )
                )
                return
            self.message.setText(
                self.tr(
                    "This plan has a blocking finding: type an override reason to save it anyway."
                )
            )
            self.override.setEnabled(True)
            self.override.setFocus()
            return
        except (DomainError, StoreError) as exc:
            self.message.setText(_text(exc))
            return
        assert self.overview is not None
        assert self.overview.patient.id is not None
        self.desk.patientDataChanged.emit(self.overview.patient.id)
        self.desk.dosesChanged.emit()
        overridden = saved.cycle.overridden_findings
        saved_text = self.tr("Cycle {0} saved with {1} dose days").format(
            saved.cycle.number, len(saved.doses)
        )
        if overridden:
            saved_text += self.tr("; overridden: {0}").format(", ".join(overridden))
        self.saved_note.setText(saved_text + ".")


def _text(exc: Exception) -> str:
    if isinstance(exc, InputError):
        return f"{exc.field.capitalize()}: {exc.message}"
    if isinstance(exc, StoreError):
        return exc.message
    return str(exc)
