"""The bench clock: Reconstituted/Diluted presses and the PI 2.4 countdowns in warning colours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ino_desk.domain.bench_clock import (
    BenchClock,
    Countdown,
    Urgency,
    UrgencyThresholds,
    bench_clock,
    local_time_text,
    remaining_text,
)
from ino_desk.domain.preparation import Dilution

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

# When a countdown turns amber or red: a screen choice, not a PI rule (the PI gives only the
# limits). A site that wants other warning times changes them here.
WARNINGS = UrgencyThresholds(amber_within=timedelta(minutes=60), red_within=timedelta(minutes=15))
COLOURS = {
    Urgency.OK: "color: #1b5e20",
    Urgency.AMBER: "background: #ffe082; color: #5d4037; font-weight: bold",
    Urgency.RED: "background: #c62828; color: white; font-weight: bold",
    Urgency.EXPIRED: "background: #000000; color: white; font-weight: bold",
}


class BenchClockBox(QGroupBox):
    """Shows the clock; the owner connects the two buttons and calls `show_clock` every tick."""

    def __init__(self, rules: ClinicalRules) -> None:
        super().__init__("Clock (limits: PI 2.4; warning colours are a screen choice)")
        self.rules = rules
        self.reconstituted = QPushButton("Reconstituted")
        self.reconstituted.setObjectName("reconstitutedButton")
        self.diluted = QPushButton("Diluted")
        self.diluted.setObjectName("dilutedButton")
        self.times = QLabel("No reconstitution in progress.")
        self.times.setObjectName("clockTimes")
        self.dilute_by = QLabel()
        self.dilute_by.setObjectName("diluteByCountdown")
        self.complete_by = QLabel()
        self.complete_by.setObjectName("completeByCountdown")
        self.verdict = QLabel()
        self.verdict.setObjectName("labelVerdict")
        for label in (self.times, self.dilute_by, self.complete_by, self.verdict):
            label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reconstituted)
        buttons.addWidget(self.diluted)
        form = QFormLayout()
        form.addRow("Dilute by:", self.dilute_by)
        form.addRow("Complete by:", self.complete_by)
        column = QVBoxLayout(self)
        column.addLayout(buttons)
        # Wrapped labels stay outside the form: there a wrapped label is clipped to one line.
        column.addWidget(self.times)
        column.addLayout(form)
        column.addWidget(self.verdict)

    def _show_countdown(self, label: QLabel, countdown: Countdown | None, done: str) -> None:
        if countdown is None:
            label.setText(done)
            label.setStyleSheet(COLOURS[Urgency.OK])
            return
        label.setText(
            f"{local_time_text(countdown.deadline)} — {remaining_text(countdown.remaining)}"
        )
        label.setStyleSheet(COLOURS[countdown.urgency])

    def show_clock(
        self, reconstituted_at: datetime | None, diluted_at: datetime | None, now: datetime
    ) -> BenchClock | None:
        """Recompute the countdowns; None while nothing is reconstituted."""
        self.diluted.setEnabled(reconstituted_at is not None and diluted_at is None)
        self.reconstituted.setEnabled(reconstituted_at is None)
        if reconstituted_at is None:
            self.times.setText("No reconstitution in progress.")
            for label in (self.dilute_by, self.complete_by, self.verdict):
                label.clear()
                label.setStyleSheet("")
            return None
        dilution = None if diluted_at is None else Dilution(diluted_at, None)
        clock = bench_clock(self.rules, reconstituted_at, dilution, now, WARNINGS)
        diluted = "" if diluted_at is None else local_time_text(diluted_at)
        self.times.setText(
            f"Reconstituted {local_time_text(reconstituted_at)}"
            + (f"<br>Diluted {diluted}" if diluted else "")
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
        return clock
