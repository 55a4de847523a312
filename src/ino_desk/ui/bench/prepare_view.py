"""The Prepare screen for one dose: what goes in the bag, vials, clock, signatures, save, label.

It opens on any dose but works only on an order with a valid "verified order" signature; the
order of work is vials → Reconstituted → Diluted → "prepared" signature → blind double check
(the second pharmacist's signature) → Save → bag label. Each step is enabled only when the
previous one is done; the services refuse the same things again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.bench.bench_marks import BenchEvent
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.staff.users import Permission
from ino_desk.services.preparing.bench import (
    NOT_VERIFIED,
    STORAGE_REQUIRED,
    BenchDose,
    bench_dose,
    mark_time,
    save_preparation,
    waste_expired_dose,
)
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.bench.bench_clock_box import WARNINGS, BenchClockBox, urgency_style
from ino_desk.ui.bench.bench_double_check import BenchDoubleCheckBox
from ino_desk.ui.bench.bench_finish import BenchFinishRow, open_bag_label
from ino_desk.ui.bench.bench_signatures import BenchSignaturesBox
from ino_desk.ui.bench.bench_time_entry import BenchTimeEntry
from ino_desk.ui.bench.bench_vials import BenchVialsBox
from ino_desk.ui.bench.prepare_steps import (
    bag_on_clock,
    notes_html,
    open_steps,
    patient_line,
    summary_text,
)
from ino_desk.ui.common.errors import describe
from ino_desk.ui.common.palette import colours_for, filled_style, text_style
from ino_desk.ui.common.rights import gate
from ino_desk.ui.common.scan_field import no_default_buttons
from ino_desk.ui.common.scrolling_columns import scrolling_columns
from ino_desk.ui.common.window_memory import remember_geometry

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime

    from ino_desk.domain.bench.bench_clock import BenchClock
    from ino_desk.ui.common.desk import Desk

__all__ = ["WARNINGS", "PrepareDialog", "urgency_style"]
TICK_MS = 1000
BENCH_GEOMETRY_KEY = "bench/geometry"


class PrepareDialog(QDialog):
    """Times are taken from `now` (UTC; the desk's clock by default) and shown in local time."""

    def __init__(
        self,
        desk: Desk,
        dose_id: int,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("prepareDialog")
        self.setWindowTitle(self.tr("Prepare dose"))
        self.desk, self.dose_id = desk, dose_id
        self.now = desk.clock if now is None else now
        self.state: BenchDose | None = None
        self.clock: BenchClock | None = None
        self.bag_saved = False  # the bag on the clock is a saved preparation
        self.blocked = QLabel()
        self.blocked.setObjectName("prepareBlocked")
        self.blocked.setWordWrap(True)
        c = colours_for(self)
        self.blocked.setStyleSheet(filled_style(c.alert_text, c.alert_fill) + "; padding: 6px")
        # Whose bag: the patient's name is user text, so plain text (never markup).
        self.patient = QLabel()
        self.patient.setObjectName("preparePatient")
        self.patient.setTextFormat(Qt.TextFormat.PlainText)
        self.patient.setStyleSheet("font-weight: bold; font-size: 14pt")
        self.summary = QLabel()
        self.summary.setObjectName("prepareSummary")
        self.summary.setWordWrap(True)
        notes = QLabel(notes_html(desk.rules))
        notes.setObjectName("prepareRules")
        notes.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("prepareMessage")
        self.message.setWordWrap(True)
        self.vials = BenchVialsBox(desk, dose_id, self._today, self._run)
        self.clock_box = BenchClockBox(desk.rules)
        self.clock_box.reconstituted.clicked.connect(self.mark_reconstituted)
        self.clock_box.diluted.clicked.connect(self.mark_diluted)
        self.when = BenchTimeEntry(self.now)  # now, or the real time with a reason
        self.signatures = BenchSignaturesBox(desk, dose_id)
        self.signatures.signed.connect(self.refresh)
        self.check = BenchDoubleCheckBox(desk, dose_id)
        self.check.checked.connect(self.refresh)
        # Two columns: three did not fit 1024 wide and cut off the double check; small
        # screens scroll, nothing is ever cut off.
        scroll = scrolling_columns(
            (self.vials, notes), (self.clock_box, self.when, self.signatures, self.check)
        )
        outer = QVBoxLayout(self)
        outer.addWidget(self.patient)
        outer.addWidget(self.blocked)
        outer.addWidget(self.summary)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.message)  # above the buttons, where the eyes are after a click
        finish = BenchFinishRow()
        self.save, self.print_label, self.waste = finish.save, finish.print_label, finish.waste
        self.save.clicked.connect(self.save_preparation)
        self.print_label.clicked.connect(self.open_label)
        self.waste.clicked.connect(self.waste_dose)
        self._gate_steps()
        outer.addWidget(finish)
        no_default_buttons(self)  # a scanner's Enter must never press a button here
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(TICK_MS)
        desk.userChanged.connect(lambda _user: self.refresh())  # after the gates
        remember_geometry(self, BENCH_GEOMETRY_KEY, 1180, 760)  # fits 1024×600 too
        self.refresh()

    def _gate_steps(self) -> None:
        """What is recorded under the signed-in user is offered by that user's rights. The
        two signatures are not: whoever signs types their own name and password (the checker is
        another person at the same bench), and signing checks the signer's rights."""
        preparation = (
            self.vials,
            self.clock_box.reconstituted,
            self.clock_box.diluted,
            self.when,
            self.save,
            self.waste,
        )
        gate(self.desk, Permission.RECORD_PREPARATION, *preparation)
        gate(self.desk, Permission.PRINT_DOCUMENTS, self.print_label)

    # ------------------------------------------------------------------ state
    def _today(self) -> date:
        return self.now().astimezone().date()

    def _say(self, text: str, ok: bool = False) -> None:
        c = colours_for(self)
        self.message.setStyleSheet(text_style(c.ok if ok else c.blocking))
        self.message.setText(text)

    def _run(self, action: Callable[[], object]) -> bool:
        self.message.clear()
        try:
            action()
        except (DomainError, StoreError) as exc:
            self._say(describe(exc))
            return False
        self.refresh()
        return True

    def refresh(self) -> None:
        try:
            state = bench_dose(self.desk.store, self.desk.rules, self.dose_id)
        except (DomainError, StoreError) as exc:
            self._say(describe(exc))
            return
        self.state = state
        self.blocked.setText(NOT_VERIFIED if state.verified is None else "")
        self.blocked.setVisible(state.verified is None)
        self.vials.show_vials(state)
        self.signatures.show_signatures(state)
        self.when.show_notes(state.open_marks)
        if state.double_checked is not None:
            self.check.show_done(state.double_checked.full_name)
        self.patient.setText(patient_line(state, self._today()))
        self.summary.setText(summary_text(self.desk.rules, state))
        self.tick()

    def bag_in_progress(self) -> bool:
        """A reconstitution on the clock that is not yet saved as a preparation."""
        return self.reconstituted_at is not None and not self.bag_saved

    @property
    def reconstituted_at(self) -> datetime | None:
        return None if self.state is None else self.state.reconstituted_at

    @property
    def diluted_at(self) -> datetime | None:
        return None if self.state is None else self.state.diluted_at

    def tick(self) -> None:
        """Recompute the countdowns and which step is open; a bag past a limit is only waste."""
        state = self.state
        if state is None:
            return
        bag = bag_on_clock(state)
        self.bag_saved = bag.saved
        self.clock = self.clock_box.show_clock(
            bag.reconstituted_at, bag.dilution, self.now(), state.preparation.infusion_minutes
        )
        steps = open_steps(state, bag, self.clock)
        self.vials.setEnabled(steps.vials)
        self.clock_box.reconstituted.setEnabled(steps.reconstitute)
        self.clock_box.diluted.setEnabled(steps.dilute)
        self.signatures.sign_prepared.setEnabled(steps.sign_prepared)
        self.check.setEnabled(steps.double_check)
        self.save.setEnabled(steps.save)
        self.print_label.setEnabled(steps.print_label)
        self.waste.setEnabled(steps.waste)

    # ------------------------------------------------------------------ actions
    def mark_reconstituted(self) -> None:
        def action() -> None:
            assert self.state is not None
            needed, recorded = self.state.preparation.vials, len(self.state.vials_in_force)
            if recorded < needed:
                raise InputError(
                    "vials",
                    f"{recorded} of {needed} recorded: scan or enter the vials before "
                    "reconstituting",
                )
            at, late_reason = self.when.chosen()
            mark_time(
                self.desk.store,
                self.desk.rules,
                self.dose_id,
                BenchEvent.RECONSTITUTED,
                at,
                self.desk.who(),
                late_reason=late_reason,
            )

        if self._run(action):
            self.when.reset()

    def mark_diluted(self) -> None:
        def action() -> None:
            if self.clock is not None and not self.clock.can_label:
                raise DomainError("past a limit: this dose can only be recorded as wasted")
            storage = self.clock_box.storage  # asked on screen; never a default
            if storage is None:
                raise InputError("storage", STORAGE_REQUIRED)
            at, late_reason = self.when.chosen()
            mark_time(
                self.desk.store,
                self.desk.rules,
                self.dose_id,
                BenchEvent.DILUTED,
                at,
                self.desk.who(),
                storage,
                late_reason=late_reason,
            )

        if self._run(action):
            self.when.reset()

    def save_preparation(self) -> None:
        # The clock is judged by the service at this moment, not at the last tick.
        if self._run(
            lambda: save_preparation(
                self.desk.store, self.desk.rules, self.dose_id, self.now(), self.desk.who()
            )
        ):
            self._say(
                self.tr("Preparation saved; vial residue recorded as waste. Print the bag label."),
                ok=True,
            )

    def open_label(self) -> None:
        """Preview and print the bag label; refused (and only waste remains) past a limit."""
        self.message.clear()
        try:
            self.label_preview = open_bag_label(self.desk, self.dose_id, self.now(), self)
        except (DomainError, StoreError) as exc:
            self._say(f"LABEL REFUSED: {describe(exc)}")
            self.tick()

    def waste_dose(self) -> None:
        def action() -> None:
            clock = self.clock
            if clock is None:
                raise InputError("clock", "nothing reconstituted yet")
            waste_expired_dose(
                self.desk.store, self.desk.rules, self.dose_id, clock, self.desk.who()
            )

        if self._run(action):
            self._say(self.tr("The whole dose is recorded as wasted, with the reason."))
