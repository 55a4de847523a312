"""Plan the course's next cycle: the pharmacist's choices in, the domain's plan shown live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.findings import RefusedError
from ino_desk.domain.quantities import Unit, format_quantity
from ino_desk.services.planning.cycle_planning import (
    Reduction,
    preview_next_cycle,
    save_next_cycle,
)
from ino_desk.services.planning.cycles import CycleInput, record_cycle_response
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.findings_panel import FindingsPanel
from ino_desk.ui.common.named import named
from ino_desk.ui.common.palette import colours_for, text_style
from ino_desk.ui.cycles.dose_lines import DoseColumn, DoseLinesModel, line_from_plan
from ino_desk.ui.cycles.plan_form import CyclePlanForm

if TYPE_CHECKING:
    from ino_desk.domain.cycles.cycle_limits import CycleOutcome
    from ino_desk.domain.cycles.plan import CyclePlan
    from ino_desk.services.charts.patient_overview import PatientOverview
    from ino_desk.ui.common.desk import Desk


class CyclePlanView(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cyclePlanView")
        self.desk = desk
        self.overview: PatientOverview | None = None
        self.plan: CyclePlan | None = None
        self.form = CyclePlanForm(desk)
        form = self.form
        # The form's parts, under the names screens and tests have always used.
        self.start, self.length, self.extension = form.start, form.length, form.extension
        self.response, self.mrd, self.reduction = form.response, form.mrd, form.reduction
        self.day_boxes, self.override = form.day_boxes, form.override
        self.prescriber, self.prescriber_id = form.prescriber, form.prescriber_id
        self.response_button, self.save_button = form.response_button, form.save_button
        self.saved_note, self.course_label = form.saved_note, form.course_label
        form.response_button.clicked.connect(self.record_response)
        form.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setObjectName("planMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(text_style(colours_for(self).blocking))

        self.model = DoseLinesModel()
        self.table = QTableView()
        named(self.table, "planDoseTable", self.tr("Planned doses"))
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
        layout.addWidget(form, 0)
        layout.addWidget(self.message)
        layout.addWidget(results, 1)
        form.changed.connect(self.refresh)
        self._loading = False

    # ------------------------------------------------------------------ state in

    def set_overview(self, overview: PatientOverview | None) -> None:
        self._loading = True
        self.overview = overview
        self.form.load(overview)
        self._loading = False
        self.refresh()

    def _input(self) -> CycleInput:
        return self.form.cycle_input(self.overview)

    def _reduction(self) -> Reduction:
        return self.form.reduction_chosen()

    def _previous(self) -> CycleOutcome | None:
        return self.form.previous(self.overview)

    # ------------------------------------------------------------------ live plan

    def refresh(self) -> None:
        if self._loading:
            return
        self.form.describe(self.overview)
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
