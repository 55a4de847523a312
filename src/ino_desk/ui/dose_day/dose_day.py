"""One dose day: its pre-dose gates, its checklist, and what became of it (given, held...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.errors import DomainError
from ino_desk.domain.findings import RefusedError
from ino_desk.domain.quantities import parse_decimal
from ino_desk.services.charts.corrections import CORRECTABLE_STATUSES
from ino_desk.services.planning.dose_day import dose_gates, dose_window_now, require_reason
from ino_desk.services.planning.doses import confirm_dose_given, move_dose_date, record_dose_status
from ino_desk.services.settings import load_settings
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.columns_layout import ColumnsLayout
from ino_desk.ui.common.dates import date_to_qdate, qdate_to_date
from ino_desk.ui.common.entered_in_error import ask_and_mark
from ino_desk.ui.common.errors import describe
from ino_desk.ui.common.findings_panel import FindingsPanel
from ino_desk.ui.common.palette import colours_for, text_style
from ino_desk.ui.dose_day.checklist_widget import ChecklistWidget
from ino_desk.ui.dose_day.dose_acts import DoseActs
from ino_desk.ui.dose_day.dose_day_text import dose_details_html, dose_title, order_text
from ino_desk.ui.dose_day.order_signatures_panel import OrderSignaturesPanel
from ino_desk.ui.dose_day.status_correction import dose_status_target

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from ino_desk.domain.cycles.course import Cycle, DoseDay
    from ino_desk.services.charts.patient_overview import PatientOverview
    from ino_desk.ui.common.desk import Desk


TWO_COLUMNS_FROM = 740  # px: below this the checklist sits under the dose


class DoseDayView(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doseDayView")
        self.desk = desk
        self.overview: PatientOverview | None = None
        self.doses: list[tuple[Cycle, DoseDay]] = []
        self.picker = QComboBox()
        self.picker.setObjectName("dosePicker")
        self.picker.setAccessibleName(self.tr("Dose day"))
        self.picker.currentIndexChanged.connect(self._show)
        self.details = QLabel()
        self.details.setObjectName("doseDetails")
        self.details.setWordWrap(True)
        self.gates = FindingsPanel(
            self.tr("Pre-dose gates"), self.tr("No pre-dose finding for this dose."), "doseGates"
        )
        self.signatures = OrderSignaturesPanel(desk)
        self.signatures.signed.connect(self._changed)
        self.checklist = ChecklistWidget(desk)
        self.checklist.ticked.connect(lambda _key: self._changed())
        self.message = QLabel()
        self.message.setObjectName("doseMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(text_style(colours_for(self).blocking))
        self.acts = DoseActs(
            desk,
            {
                "given": self.mark_given,
                "prepare": self.open_prepare,
                "held": lambda: self.mark(DoseStatus.HELD),
                "omitted": lambda: self.mark(DoseStatus.OMITTED),
                "move": self.move_dose,
                "released": lambda: self.mark(DoseStatus.PLANNED),
                "error": self.mark_status_in_error,
                "reduced": lambda: self.mark(DoseStatus.REDUCED),
            },
        )
        # The panel's parts, under the names screens and tests have always used.
        self.reason, self.override = self.acts.reason, self.acts.override
        self.reduced_mg, self.new_date = self.acts.reduced_mg, self.acts.new_date
        self.paper, self.buttons = self.acts.paper, self.acts.buttons
        # After the gates: the dose's own state decides again what a permitted user gets.
        desk.userChanged.connect(lambda _user: self._show())
        left_box = QWidget()
        left_box.setMaximumWidth(440)
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        # The fields and buttons come first: what grows or shrinks with the dose (details,
        # signatures, findings, the message) is below them and never moves them.
        acting = QWidget()  # never squeezed when the column runs out of room
        acting.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        acting_layout = QVBoxLayout(acting)
        acting_layout.setContentsMargins(0, 0, 0, 0)
        acting_layout.addWidget(self.picker)
        acting_layout.addWidget(self.acts)
        left.addWidget(acting)
        left.addWidget(self.message)
        left.addWidget(self.details)
        left.addWidget(self.signatures)
        left.addWidget(self.gates, 1)
        # Too narrow for two columns (1024×600 beside the patient list): the checklist goes
        # under the dose instead of being squeezed to a strip.
        self.columns = ColumnsLayout(TWO_COLUMNS_FROM, self)
        self.columns.addWidget(left_box, 2)
        self.columns.addWidget(self.checklist, 3)

    def set_overview(self, overview: PatientOverview | None) -> None:
        previous = self.current_dose_id()
        self.overview = overview
        self.doses = []
        if overview is not None:
            for course in overview.courses:
                for record in course.cycles:
                    self.doses.extend((record.cycle, d) for d in record.doses)
        self.picker.blockSignals(True)
        self.picker.clear()
        for cycle, dose in self.doses:
            self.picker.addItem(dose_title(cycle, dose), dose.id)
        index = self.picker.findData(previous) if previous is not None else -1
        if index < 0:  # the next dose still to be decided, else the last one
            pending = [i for i, (_, d) in enumerate(self.doses) if d.status is DoseStatus.PLANNED]
            index = pending[0] if pending else len(self.doses) - 1
        self.picker.setCurrentIndex(index)
        self.picker.blockSignals(False)
        self._show()

    def current_dose_id(self) -> int | None:
        data = self.picker.currentData()
        return int(data) if data is not None else None

    def select_dose(self, dose_id: int) -> None:
        index = self.picker.findData(dose_id)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def _current(self) -> tuple[Cycle, DoseDay] | None:
        i = self.picker.currentIndex()
        return self.doses[i] if 0 <= i < len(self.doses) else None

    def _show(self) -> None:
        self.message.clear()
        current = self._current()
        status = current[1].status if current is not None else None
        # A planned or reduced dose is still to be given; a held one can only be released.
        enabled = status in (DoseStatus.PLANNED, DoseStatus.REDUCED)
        for key, button in self.buttons.items():
            button.setEnabled(status is DoseStatus.HELD if key == "released" else enabled)
        self.buttons["error"].setEnabled(status in CORRECTABLE_STATUSES)
        if current is None:
            self.details.setText(self.tr("No dose planned yet: plan a cycle first."))
            self.gates.set_findings(())
            self.checklist.set_dose(None, "")
            self.signatures.set_dose(None, "", can_sign=False)
            return
        cycle, dose = current
        assert dose.id is not None
        # The real window (PI 2.1): ±2 days, at least 6 days from every other dose.
        window = dose_window_now(self.desk.store, self.desk.rules, dose.id)
        latest = max(window.window_end, window.window_start)  # an empty window offers one date
        self.new_date.setMinimumDate(date_to_qdate(window.window_start))
        self.new_date.setMaximumDate(date_to_qdate(latest))
        self.new_date.setDate(date_to_qdate(dose.planned_date))
        self.buttons["move"].setEnabled(enabled and not window.empty)
        self.details.setText(dose_details_html(cycle, dose, window))
        dose_id = dose.id
        self.signatures.set_dose(dose_id, order_text(self.overview, cycle, dose), enabled)
        try:
            self.gates.set_findings(
                dose_gates(self.desk.store, self.desk.rules, dose_id, self.desk.today())
            )
            template = load_settings(self.desk.store).premedication_template
        except (DomainError, StoreError) as exc:
            self.message.setText(describe(exc))
            return
        self.checklist.set_dose(dose_id, template)

    def _changed(self) -> None:
        if self.overview is not None and self.overview.patient.id is not None:
            self.desk.patientDataChanged.emit(self.overview.patient.id)
        self.desk.dosesChanged.emit()

    def _run(self, action: Callable[[], object]) -> None:
        self.message.clear()
        try:
            action()
        except RefusedError as exc:
            codes = "; ".join(f.code for f in exc.findings)
            if not exc.overridable:
                self.message.setText(
                    self.tr("Refused, and no override is possible: {0}").format(
                        " ".join(f.one_line() for f in exc.findings)
                    )
                )
                return
            self.message.setText(
                self.tr(
                    "A blocking finding stands: {0}. Type an override reason (saved with the "
                    "dose and your name) to go on anyway."
                ).format(codes)
            )
            self.override.setFocus()
            return
        except (DomainError, StoreError) as exc:
            self.message.setText(describe(exc))
            return
        self.reason.clear()
        self.override.clear()
        self.reduced_mg.clear()
        self.paper.clear()
        self._changed()

    def mark_given(self) -> None:
        dose_id = self.current_dose_id()
        if dose_id is None:
            return

        def action() -> None:
            paper = self.paper.paper(self.desk.clock())
            on = self.desk.today() if paper is None else paper.day  # given on the paper's day
            confirm_dose_given(
                self.desk.store,
                self.desk.rules,
                dose_id,
                self.desk.who(),
                self.override.text(),
                on=on,
                paper=paper,
            )

        self._run(action)

    def mark(self, status: DoseStatus) -> None:
        dose_id = self.current_dose_id()
        if dose_id is None:
            return

        def action() -> None:
            reason = require_reason(status, self.reason.text())
            reduced: Decimal | None = None
            if status is DoseStatus.REDUCED:
                reduced = parse_decimal(self.reduced_mg.text(), "reduced dose")
            record_dose_status(
                self.desk.store,
                self.desk.rules,
                dose_id,
                status,
                self.desk.who(),
                reason,
                reduced,
                override_reason=self.override.text(),
                paper=self.paper.paper(self.desk.clock()),
            )

        self._run(action)

    def mark_status_in_error(self) -> None:
        current = self._current()
        if current is not None:
            ask_and_mark(self, dose_status_target(self.desk, *current), self._changed)

    def open_prepare(self) -> None:
        """The preparation bench for this dose (window-modal, so the clock keeps running)."""
        dose_id = self.current_dose_id()
        if dose_id is None:
            return
        from ino_desk.ui.bench.prepare_view import PrepareDialog  # only when asked for

        self.prepare_dialog = PrepareDialog(self.desk, dose_id, parent=self)
        self.prepare_dialog.finished.connect(lambda _code: self._changed())
        self.prepare_dialog.open()

    def move_dose(self) -> None:
        dose_id = self.current_dose_id()
        if dose_id is None:
            return
        self._run(
            lambda: move_dose_date(
                self.desk.store,
                self.desk.rules,
                dose_id,
                qdate_to_date(self.new_date.date()),
                self.desk.who(),
                self.reason.text(),
            )
        )
