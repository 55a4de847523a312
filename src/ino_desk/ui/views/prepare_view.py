"""The Prepare screen for one dose: what goes in the bag, vials, clock, signatures, save, label.

It opens on any dose but works only on an order with a valid "verified order" signature; the
order of work is vials → Reconstituted → Diluted → "prepared" signature → blind double check
(the second pharmacist's signature) → Save → bag label. Each step is enabled only when the
previous one is done; the services refuse the same things again.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.bench_marks import BenchEvent
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.order_text import diluent_name, preparation_notes
from ino_desk.domain.quantities import Unit, format_quantity
from ino_desk.domain.waste import WasteKind
from ino_desk.services.bench import (
    NOT_VERIFIED,
    BenchDose,
    bench_dose,
    mark_time,
    save_preparation,
    waste_expired_dose,
)
from ino_desk.services.cycle_documents import prepare_bag_label
from ino_desk.services.ports import StoreError
from ino_desk.ui.errors import describe
from ino_desk.ui.widgets.bench_clock_box import COLOURS, WARNINGS, BenchClockBox
from ino_desk.ui.widgets.bench_double_check import BenchDoubleCheckBox
from ino_desk.ui.widgets.bench_signatures import BenchSignaturesBox
from ino_desk.ui.widgets.bench_vials import BenchVialsBox

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.bench_clock import BenchClock
    from ino_desk.ui.desk import Desk

__all__ = ["COLOURS", "WARNINGS", "PrepareDialog"]
TICK_MS = 1000
ERROR_STYLE = "color: #b00020"
OK_STYLE = "color: #1b5e20"
BLOCKED_STYLE = "background: #fdecea; color: #7f0000; font-weight: bold; padding: 6px"


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
        self.state: BenchDose | None = None
        self.clock: BenchClock | None = None
        self.bag_saved = False  # the bag on the clock is a saved preparation
        self.blocked = QLabel()
        self.blocked.setObjectName("prepareBlocked")
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet(BLOCKED_STYLE)
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
        self.message = QLabel()
        self.message.setObjectName("prepareMessage")
        self.message.setWordWrap(True)
        self.vials = BenchVialsBox(desk, dose_id, self._today, self._run)
        self.clock_box = BenchClockBox(desk.rules)
        self.clock_box.reconstituted.clicked.connect(self.mark_reconstituted)
        self.clock_box.diluted.clicked.connect(self.mark_diluted)
        self.signatures = BenchSignaturesBox(desk, dose_id)
        self.signatures.signed.connect(self.refresh)
        self.check = BenchDoubleCheckBox(desk, dose_id)
        self.check.checked.connect(self.refresh)
        grid = QGridLayout()
        grid.addWidget(self.vials, 0, 0)
        grid.addWidget(notes, 1, 0)
        grid.addWidget(self.clock_box, 0, 1)
        grid.addWidget(self.signatures, 1, 1)
        grid.addWidget(self.check, 0, 2, 2, 1)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(1, 1)
        content = QWidget()
        content.setLayout(grid)
        scroll = QScrollArea()  # small screens scroll; nothing is ever cut off
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(self.blocked)
        outer.addWidget(self.summary)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.message)  # above the buttons, where the eyes are after a click
        outer.addWidget(self._finish_row())
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(TICK_MS)
        self.refresh()

    def _finish_row(self) -> QWidget:
        row = QWidget()
        buttons = QHBoxLayout(row)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.save = QPushButton("Save preparation")
        self.save.setObjectName("savePreparation")
        self.save.clicked.connect(self.save_preparation)
        self.print_label = QPushButton("Print bag label…")
        self.print_label.setObjectName("printBagLabel")
        self.print_label.clicked.connect(self.open_label)
        self.waste = QPushButton("Record dose as wasted")
        self.waste.setObjectName("wasteDose")
        self.waste.clicked.connect(self.waste_dose)
        buttons.addWidget(self.save)
        buttons.addWidget(self.print_label)
        buttons.addStretch(1)
        buttons.addWidget(self.waste)
        return row

    # ------------------------------------------------------------------ state
    def _today(self) -> date:
        return self.now().astimezone().date()

    def _say(self, text: str, style: str = ERROR_STYLE) -> None:
        self.message.setStyleSheet(style)
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
        if state.double_checked is not None:
            self.check.show_done(state.double_checked.full_name)
        self._show_summary(state)
        self.tick()

    @property
    def reconstituted_at(self) -> datetime | None:
        return None if self.state is None else self.state.reconstituted_at

    @property
    def diluted_at(self) -> datetime | None:
        return None if self.state is None else self.state.diluted_at

    def _bag_times(self, state: BenchDose) -> tuple[datetime | None, datetime | None]:
        """The bag in progress, else the last saved one not wasted since (its label clock)."""
        self.bag_saved = False
        if state.reconstituted_at is not None or not state.preparations:
            return state.reconstituted_at, state.diluted_at
        last = state.preparations[-1]
        wasted = any(
            w.kind is WasteKind.WHOLE_DOSE and w.recorded_at >= last.reconstituted_at
            for w in state.waste
        )
        if wasted:
            return None, None
        self.bag_saved = True
        return last.reconstituted_at, last.diluted_at

    def _show_summary(self, state: BenchDose) -> None:
        p = state.preparation
        self.summary.setText(
            f"<b>Day {state.dose.day}: {format_quantity(p.dose_mg, Unit.MG)}</b> — "
            f"{p.vials} vial(s); drug volume <b>{format_quantity(p.drug_volume_ml, Unit.ML)}</b>"
            f" + {diluent_name(self.desk.rules)} {format_quantity(p.diluent_ml, Unit.ML)} = "
            f"{format_quantity(p.total_volume_ml, Unit.ML)}; "
            f"{format_quantity(p.discarded_mg, Unit.MG)} left in the vials is waste. "
            "<b>PROTECT FROM LIGHT.</b>"
        )

    def tick(self) -> None:
        """Recompute the countdowns and which step is open; a bag past a limit is only waste."""
        state = self.state
        if state is None:
            return
        reconstituted, diluted = self._bag_times(state)
        clock = self.clock_box.show_clock(reconstituted, diluted, self.now())
        self.clock = clock
        verified = state.verified is not None
        in_time = clock is not None and clock.can_label
        bag_made = in_time and diluted is not None and not self.bag_saved
        self.vials.setEnabled(verified and not self.bag_saved)
        self.clock_box.reconstituted.setEnabled(verified and reconstituted is None)
        self.clock_box.diluted.setEnabled(verified and in_time and diluted is None)
        self.signatures.sign_prepared.setEnabled(verified and bag_made and state.prepared is None)
        self.check.setEnabled(
            bag_made and state.prepared is not None and state.double_checked is None
        )
        self.save.setEnabled(bag_made and state.double_checked is not None)
        self.print_label.setEnabled(self.bag_saved)
        self.waste.setEnabled(clock is not None and not clock.can_label)

    # ------------------------------------------------------------------ actions
    def mark_reconstituted(self) -> None:
        def action() -> None:
            assert self.state is not None
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
        # The clock is judged by the service at this moment, not at the last tick.
        if self._run(
            lambda: save_preparation(
                self.desk.store, self.desk.rules, self.dose_id, self.now(), self.desk.who()
            )
        ):
            self._say(
                "Preparation saved; vial residue recorded as waste. Print the bag label.", OK_STYLE
            )

    def open_label(self) -> None:
        """Preview and print the bag label; refused (and only waste remains) past a limit."""
        self.message.clear()
        try:
            prepare_bag_label(self.desk.store, self.desk.rules, self.dose_id, self.now())
        except (DomainError, StoreError) as exc:
            self._say(f"LABEL REFUSED: {describe(exc)}")
            self.tick()
            return
        if self.desk.renderer is None:
            self._say("This workstation cannot print documents (no renderer is set up).")
            return
        from ino_desk.ui.dialogs.document_preview import DocumentPreviewDialog  # when asked

        self.label_preview = DocumentPreviewDialog(
            self.desk,
            self.desk.renderer,
            lambda: prepare_bag_label(self.desk.store, self.desk.rules, self.dose_id, self.now()),
            self,
        )
        self.label_preview.open()

    def waste_dose(self) -> None:
        def action() -> None:
            clock = self.clock
            if clock is None:
                raise InputError("clock", "nothing reconstituted yet")
            waste_expired_dose(
                self.desk.store, self.desk.rules, self.dose_id, clock, self.desk.who()
            )

        if self._run(action):
            self._say("The whole dose is recorded as wasted, with the reason.")
