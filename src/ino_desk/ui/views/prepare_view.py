"""The Prepare screen for one dose: what goes in the bag, vial scans, the clock, waste, check."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.bench_clock import (
    BenchClock,
    Countdown,
    Urgency,
    UrgencyThresholds,
    bench_clock,
    local_time_text,
    remaining_text,
)
from ino_desk.domain.bench_marks import BenchEvent
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.order_text import diluent_name, preparation_notes
from ino_desk.domain.quantities import Unit, format_quantity
from ino_desk.domain.records import PreparationRecord, VialLot
from ino_desk.services.bench import (
    BenchDose,
    bench_dose,
    enter_vial_manually,
    mark_time,
    save_preparation,
    scan_vial,
    waste_expired_dose,
)
from ino_desk.services.ports import StoreError
from ino_desk.ui.dialogs.patient_dialog import date_to_qdate, qdate_to_date
from ino_desk.ui.errors import describe
from ino_desk.ui.widgets.bench_double_check import BenchDoubleCheckBox

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.ui.desk import Desk

# When a countdown turns amber or red: a screen choice, not a PI rule (the PI gives only the
# limits). A site that wants other warning times changes them here.
WARNINGS = UrgencyThresholds(amber_within=timedelta(minutes=60), red_within=timedelta(minutes=15))
COLOURS = {
    Urgency.OK: "color: #1b5e20",
    Urgency.AMBER: "background: #ffe082; color: #5d4037; font-weight: bold",
    Urgency.RED: "background: #c62828; color: white; font-weight: bold",
    Urgency.EXPIRED: "background: #000000; color: white; font-weight: bold",
}
TICK_MS = 1000


def utc_now() -> datetime:
    return datetime.now(UTC)


class PrepareDialog(QDialog):
    """Times are taken from `now` (UTC) and shown in the computer's local time."""

    def __init__(
        self,
        desk: Desk,
        dose_id: int,
        now: Callable[[], datetime] = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("prepareDialog")
        self.setWindowTitle("Prepare dose")
        self.desk, self.dose_id, self.now = desk, dose_id, now
        self.reconstituted_at: datetime | None = None
        self.diluted_at: datetime | None = None
        self.clock: BenchClock | None = None
        self.summary = QLabel()
        self.summary.setObjectName("prepareSummary")
        self.summary.setWordWrap(True)
        notes = QLabel(
            "<br>".join(
                f"• {n.text} <i>({n.citation})</i>"
                for n in preparation_notes(desk.rules, "")
                if n.text
            )
        )
        notes.setObjectName("prepareRules")
        notes.setWordWrap(True)
        self.vials_text = QLabel()
        self.vials_text.setObjectName("prepareVials")
        self.vials_text.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("prepareMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.check = BenchDoubleCheckBox(desk)
        self.check.set_dose(dose_id)
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self._scan_box())
        left.addWidget(self.vials_text)
        left.addWidget(self.message)  # next to the scan field, where the eyes are
        left.addWidget(notes)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._clock_box())
        right.addWidget(self.check)
        right.addWidget(self._finish_box())
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(columns)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(TICK_MS)
        self.refresh()

    # ------------------------------------------------------------------ layout
    def _scan_box(self) -> QGroupBox:
        box = QGroupBox("Vials")
        form = QFormLayout(box)
        self.scan = QLineEdit()
        self.scan.setObjectName("vialScan")
        self.scan.setAccessibleName("Vial scan")
        self.scan.setPlaceholderText("scan the vial's 2D code here")
        self.scan.returnPressed.connect(self.scan_entered)
        form.addRow("Scan:", self.scan)
        self.manual_lot = QLineEdit()
        self.manual_lot.setObjectName("manualLot")
        self.manual_expiry = QDateEdit()
        self.manual_expiry.setObjectName("manualExpiry")
        self.manual_expiry.setCalendarPopup(True)
        self.manual_expiry.setDisplayFormat("yyyy-MM-dd")
        self.manual_expiry.setDate(date_to_qdate(self._today()))
        self.manual_reason = QLineEdit()
        self.manual_reason.setObjectName("manualReason")
        self.manual_reason.setPlaceholderText("why the code could not be scanned")
        add = QPushButton("Add vial by hand")
        add.setObjectName("addManualVial")
        add.clicked.connect(self.manual_entered)
        form.addRow("Lot (by hand):", self.manual_lot)
        form.addRow("Expiry (by hand):", self.manual_expiry)
        form.addRow("Reason:", self.manual_reason)
        form.addRow(add)
        return box

    def _clock_box(self) -> QGroupBox:
        box = QGroupBox("Clock (warning colours are a screen choice; limits are PI 2.4)")
        column = QVBoxLayout(box)
        form = QFormLayout()
        column.addLayout(form)
        self.reconstituted = QPushButton("Reconstituted")
        self.reconstituted.setObjectName("reconstitutedButton")
        self.reconstituted.clicked.connect(self.mark_reconstituted)
        self.diluted = QPushButton("Diluted")
        self.diluted.setObjectName("dilutedButton")
        self.diluted.clicked.connect(self.mark_diluted)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reconstituted)
        buttons.addWidget(self.diluted)
        form.addRow(buttons)
        self.times = QLabel("Not reconstituted yet.")
        self.times.setObjectName("clockTimes")
        self.dilute_by = QLabel()
        self.dilute_by.setObjectName("diluteByCountdown")
        self.complete_by = QLabel()
        self.complete_by.setObjectName("completeByCountdown")
        self.verdict = QLabel()
        self.verdict.setObjectName("labelVerdict")
        self.verdict.setWordWrap(True)
        form.addRow(self.times)
        form.addRow("Dilute by:", self.dilute_by)
        form.addRow("Complete by:", self.complete_by)
        # Outside the form: a wrapped label in a form row is clipped to one line's height.
        column.addWidget(self.verdict)
        return box

    def _finish_box(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        self.save = QPushButton("Save preparation")
        self.save.setObjectName("savePreparation")
        self.save.clicked.connect(self.save_preparation)
        self.waste = QPushButton("Record dose as wasted")
        self.waste.setObjectName("wasteDose")
        self.waste.clicked.connect(self.waste_dose)
        row.addWidget(self.save)
        row.addWidget(self.waste)
        return box

    # ------------------------------------------------------------------ state
    def _today(self) -> date:
        return self.now().astimezone().date()

    def _run(self, action: Callable[[], object]) -> bool:
        self.message.clear()
        try:
            action()
        except (DomainError, StoreError) as exc:
            self.message.setText(describe(exc))
            return False
        self.refresh()
        return True

    def refresh(self) -> None:
        try:
            state = bench_dose(self.desk.store, self.desk.rules, self.dose_id)
        except (DomainError, StoreError) as exc:
            self.message.setText(describe(exc))
            return
        self.state = state
        # The stored presses are the truth: a reopened screen resumes the running clock.
        self.reconstituted_at, self.diluted_at = state.reconstituted_at, state.diluted_at
        self._show_summary(state)
        self.tick()

    def _show_summary(self, state: BenchDose) -> None:
        p = state.preparation
        self.summary.setText(
            f"<b>Day {state.dose.day}: {format_quantity(p.dose_mg, Unit.MG)}</b> — "
            f"{p.vials} vial(s); drug volume <b>{format_quantity(p.drug_volume_ml, Unit.ML)}</b>"
            f" + {diluent_name(self.desk.rules)} {format_quantity(p.diluent_ml, Unit.ML)} = "
            f"{format_quantity(p.total_volume_ml, Unit.ML)}; "
            f"{format_quantity(p.discarded_mg, Unit.MG)} left in the vials is waste.<br>"
            "<b>PROTECT FROM LIGHT.</b>"
        )
        lines = [
            f"{v.lot} exp {v.expiry.isoformat()}"
            + (f" serial {v.serial}" if v.serial else "")
            + (f" (by hand: {v.manual_reason})" if v.manual_reason else "")
            for v in state.vials
        ]
        self.vials_text.setText(
            f"Vials recorded ({len(lines)} of {p.vials}):<br>" + "<br>".join(lines)
            if lines
            else f"No vial recorded yet ({p.vials} needed)."
        )

    def _show_countdown(self, label: QLabel, countdown: Countdown | None, done: str) -> None:
        if countdown is None:
            label.setText(done)
            label.setStyleSheet(COLOURS[Urgency.OK])
            return
        label.setText(
            f"{local_time_text(countdown.deadline)} — {remaining_text(countdown.remaining)}"
        )
        label.setStyleSheet(COLOURS[countdown.urgency])

    def tick(self) -> None:
        """Recompute the countdowns; a bag past a limit can only be wasted."""
        self.diluted.setEnabled(self.reconstituted_at is not None and self.diluted_at is None)
        self.reconstituted.setEnabled(self.reconstituted_at is None)
        if self.reconstituted_at is None:
            self.clock = None
            self.times.setText("No reconstitution in progress.")
            for label in (self.dilute_by, self.complete_by, self.verdict):
                label.clear()
                label.setStyleSheet("")
            self.save.setEnabled(False)
            self.waste.setEnabled(False)
            return
        clock = bench_clock(
            self.desk.rules, self.reconstituted_at, self.diluted_at, self.now(), WARNINGS
        )
        self.clock = clock
        diluted = "" if self.diluted_at is None else local_time_text(self.diluted_at)
        self.times.setText(
            f"Reconstituted {local_time_text(self.reconstituted_at)}"
            + (f"; diluted {diluted}" if diluted else "")
        )
        self._show_countdown(self.dilute_by, clock.dilute_by, f"diluted {diluted}")
        self._show_countdown(self.complete_by, clock.complete_by, "")
        if clock.can_label:
            self.verdict.setText("Within the PI 2.4 limits: the bag may be labelled.")
            self.verdict.setStyleSheet(COLOURS[Urgency.OK])
        else:
            self.verdict.setText(
                "LABEL REFUSED: "
                + " ".join(f.message for f in clock.blocking)
                + " Record the dose as wasted."
            )
            self.verdict.setStyleSheet(COLOURS[Urgency.EXPIRED])
        self.save.setEnabled(clock.can_label and self.diluted_at is not None)
        self.waste.setEnabled(not clock.can_label)

    # ------------------------------------------------------------------ actions
    def scan_entered(self) -> None:
        typed = self.scan.text()
        self.scan.clear()  # ready for the next vial whatever happened
        self._run(
            lambda: scan_vial(
                self.desk.store,
                self.desk.rules,
                self.dose_id,
                typed,
                self.desk.who(),
                self._today(),
            )
        )

    def manual_entered(self) -> None:
        expiry: date = qdate_to_date(self.manual_expiry.date())
        if self._run(
            lambda: enter_vial_manually(
                self.desk.store,
                self.dose_id,
                self.manual_lot.text(),
                expiry,
                self.manual_reason.text(),
                self.desk.who(),
                self._today(),
            )
        ):
            self.manual_lot.clear()
            self.manual_reason.clear()

    def mark_reconstituted(self) -> None:
        def action() -> None:
            needed, recorded = self.state.preparation.vials, len(self.state.vials)
            if recorded < needed:
                raise InputError(
                    "vials",
                    f"{recorded} of {needed} recorded: scan or enter the vials before "
                    "reconstituting",
                )
            mark_time(
                self.desk.store,
                self.dose_id,
                BenchEvent.RECONSTITUTED,
                self.now(),
                self.desk.who(),
            )

        self._run(action)

    def mark_diluted(self) -> None:
        def action() -> None:
            if self.clock is not None and not self.clock.can_label:
                raise DomainError("past a limit: this dose can only be recorded as wasted")
            mark_time(
                self.desk.store, self.dose_id, BenchEvent.DILUTED, self.now(), self.desk.who()
            )

        self._run(action)

    def save_preparation(self) -> None:
        def action() -> None:
            if self.clock is None or self.reconstituted_at is None:
                raise InputError("clock", "record reconstitution and dilution first")
            last = self.check.last
            if last is None or not last.agrees:
                raise InputError(
                    "double check", "a second person's double check must agree before saving"
                )
            save_preparation(
                self.desk.store,
                self.desk.rules,
                PreparationRecord(
                    dose_id=self.dose_id,
                    vial_lots=tuple(VialLot(v.lot, v.expiry) for v in self.state.vials),
                    reconstituted_at=self.reconstituted_at,
                    diluted_at=self.diluted_at,
                    prepared_by=self.desk.who().username,
                    checked_by=last.checked_by,
                ),
                # The clock may have run out since the last tick: judge it at this moment.
                bench_clock(
                    self.desk.rules, self.reconstituted_at, self.diluted_at, self.now(), WARNINGS
                ),
                self.desk.who(),
            )

        if self._run(action):
            self.message.setStyleSheet("color: #1b5e20")
            self.message.setText("Preparation saved; vial residue recorded as waste.")
            self.save.setEnabled(False)

    def waste_dose(self) -> None:
        def action() -> None:
            clock = self.clock
            if clock is None:
                raise InputError("clock", "nothing reconstituted yet")
            waste_expired_dose(
                self.desk.store, self.desk.rules, self.dose_id, clock, self.desk.who()
            )

        if self._run(action):
            self.message.setText("The whole dose is recorded as wasted, with the reason.")
            self.waste.setEnabled(False)
            self.timer.stop()
