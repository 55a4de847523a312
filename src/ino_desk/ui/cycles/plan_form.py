"""The pharmacist's choices for the next cycle: start, length, previous response and MRD, dose
level, prescriber, override reason; read back as the service's CycleInput and Reduction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.regimen import ExtensionReason, Response
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.quantities import Unit, format_number, format_quantity
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.cycle_planning import Reduction, next_cycle
from ino_desk.services.planning.cycles import CycleInput
from ino_desk.ui.common.columns_layout import ColumnsLayout
from ino_desk.ui.common.dates import date_to_qdate, qdate_to_date
from ino_desk.ui.common.named import named
from ino_desk.ui.common.rights import gate

if TYPE_CHECKING:
    from ino_desk.services.charts.patient_overview import PatientOverview
    from ino_desk.ui.common.desk import Desk

TWO_COLUMNS_FROM = 600  # px: below this the plan's two columns of fields stack
_MRD = {"not assessed": None, "MRD negative": True, "MRD positive": False}


class CyclePlanForm(QWidget):
    """`changed` fires on every choice that changes the plan; the view previews it again."""

    changed = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
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
            named(box, f"planReducedDay{day}", self.tr("Keep day {0}").format(day))
            self.day_boxes[day] = box
            days_layout.addWidget(box)
            box.toggled.connect(self.changed)
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
        named(
            self.response_button,
            "planRecordResponse",
            self.tr("Record the previous cycle's response"),
        )
        self.response_button.setToolTip(
            self.tr("Save the previous cycle's response and MRD without planning another cycle")
        )
        self.save_button = QPushButton(self.tr("Save cycle plan"))
        named(self.save_button, "planSaveButton", self.tr("Save cycle plan"))
        gate(desk, Permission.PLAN_CYCLES, self.save_button, self.response_button)
        self.saved_note = QLabel()
        self.saved_note.setObjectName("planSavedNote")
        self.saved_note.setWordWrap(True)
        self._lay_out(days_box)
        for combo in (self.length, self.extension, self.response, self.mrd, self.reduction):
            combo.currentIndexChanged.connect(self.changed)
        self.start.dateChanged.connect(self.changed)

    def _lay_out(self, days_box: QWidget) -> None:
        left = QFormLayout()
        left.addRow(
            self.tr("Cycle starts on:"),
            named(self.start, "planStart", self.tr("Cycle start date")),
        )
        left.addRow(
            self.tr("Cycle length:"),
            named(self.length, "planLength", self.tr("Cycle length in days")),
        )
        left.addRow(
            self.tr("Why longer:"),
            named(self.extension, "planExtensionReason", self.tr("Reason for 28 days")),
        )
        left.addRow(
            self.tr("Previous response:"),
            named(self.response, "planPreviousResponse", self.tr("Response of the previous cycle")),
        )
        left.addRow(
            self.tr("MRD:"),
            named(self.mrd, "planMrd", self.tr("MRD status of the previous cycle")),
        )
        left.addRow(self.response_button)
        right_form = QFormLayout()
        right_form.addRow(
            self.tr("Dose level:"),
            named(self.reduction, "planReduction", self.tr("Dose reduction for toxicity")),
        )
        right_form.addRow(self.tr("Days kept (2 doses):"), days_box)
        right_form.addRow(
            self.tr("Prescriber:"), named(self.prescriber, "planPrescriber", self.tr("Prescriber"))
        )
        right_form.addRow(
            self.tr("Prescriber ID:"),
            named(self.prescriber_id, "planPrescriberId", self.tr("Prescriber identifier")),
        )
        right_form.addRow(
            self.tr("Override reason:"),
            named(self.override, "planOverrideReason", self.tr("Override reason")),
        )
        right_form.addRow(self.save_button)
        right_form.addRow(self.saved_note)
        # The course's summary reads across the top: beside the fields it was squeezed to a
        # few words per line at 1024×600 (seen under Xvfb, issue 16). The two columns of
        # fields stack when there is no room for both.
        outer = QVBoxLayout(self)
        outer.addWidget(self.course_label)
        columns = ColumnsLayout(TWO_COLUMNS_FROM)
        columns.addLayout(left, 1)
        columns.addLayout(right_form, 1)
        outer.addLayout(columns)

    def load(self, overview: PatientOverview | None) -> None:
        """The choices the rules propose for the course's next cycle (no `changed` wanted:
        the caller blocks its refresh while loading)."""
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

    def cycle_input(self, overview: PatientOverview | None) -> CycleInput:
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

    def reduction_chosen(self) -> Reduction:
        level = ReductionLevel(self.reduction.currentData())
        days = tuple(d for d, box in self.day_boxes.items() if box.isChecked())
        return Reduction(level, days if level is ReductionLevel.TWO_DOSES else ())

    def previous(self, overview: PatientOverview | None) -> CycleOutcome | None:
        course = overview.current_course if overview else None
        if course is None or not course.cycles:
            return None
        response = self.response.currentData()  # Qt hands enum values back as plain str
        return CycleOutcome(Response(response) if response else None, self.mrd.currentData())

    def describe(self, overview: PatientOverview | None) -> None:
        course = overview.current_course if overview else None
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
        in_use = in_force(overview.measurements) if overview else []
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
