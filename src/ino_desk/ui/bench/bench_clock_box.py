"""The bench clock: Reconstituted/Diluted presses and the PI 2.4 countdowns in warning colours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from ino_desk.domain.bench.bench_clock import (
    BenchClock,
    Countdown,
    Urgency,
    UrgencyThresholds,
    bench_clock,
    local_time_text,
    remaining_text,
)
from ino_desk.domain.bench.preparation import DilutedStorage
from ino_desk.domain.printed.order_text import diluted_storage_text
from ino_desk.ui.common.palette import colours_for, current, filled_style, text_style

if TYPE_CHECKING:
    from ino_desk.domain.bench.preparation import Dilution
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.ui.common.palette import Colours

# When a countdown turns amber or red: a screen choice, not a PI rule (the PI gives only the
# limits). A site that wants other warning times changes them here.
WARNINGS = UrgencyThresholds(amber_within=timedelta(minutes=60), red_within=timedelta(minutes=15))


def urgency_style(urgency: Urgency, colours: Colours | None = None) -> str:
    """A countdown's look: the palette's set of the application unless one is given."""
    c = current() if colours is None else colours
    return {
        Urgency.OK: text_style(c.ok),
        Urgency.AMBER: filled_style(c.amber_text, c.amber_fill),
        Urgency.RED: filled_style(c.red_text, c.red_fill),
        Urgency.EXPIRED: filled_style(c.expired_text, c.expired_fill),
    }[urgency]


class BenchClockBox(QGroupBox):
    """Shows the clock; the owner connects the two buttons and calls `show_clock` every tick.

    Before *Diluted* the preparer chooses how the diluted bag is kept (nothing is chosen for
    them: the bag's own limit depends on it); `storage` is that choice, None until made.
    """

    def __init__(self, rules: ClinicalRules) -> None:
        super().__init__(
            QCoreApplication.translate(
                "BenchClockBox", "Clock (limits: PI 2.4; warning colours are a screen choice)"
            )
        )
        self.rules = rules
        self.reconstituted = QPushButton(self.tr("Reconstituted"))
        self.reconstituted.setObjectName("reconstitutedButton")
        self.diluted = QPushButton(self.tr("Diluted"))
        self.diluted.setObjectName("dilutedButton")
        self.storage_question = QLabel(self.tr("<b>Diluted bag will be kept:</b>"))
        self.storage_choices = QButtonGroup(self)
        self.storage_buttons: dict[DilutedStorage, QRadioButton] = {}
        for storage in DilutedStorage:
            button = QRadioButton(diluted_storage_text(rules, storage))
            button.setObjectName(f"storage_{storage.value}")
            self.storage_choices.addButton(button)
            self.storage_buttons[storage] = button
        self.times = QLabel(self.tr("No reconstitution in progress."))
        self.times.setObjectName("clockTimes")
        self.dilute_by = QLabel()
        self.dilute_by.setObjectName("diluteByCountdown")
        self.start_by = QLabel()
        self.start_by.setObjectName("startByCountdown")
        self.complete_by = QLabel()
        self.complete_by.setObjectName("completeByCountdown")
        self.verdict = QLabel()
        self.verdict.setObjectName("labelVerdict")
        for label in (self.times, self.dilute_by, self.start_by, self.complete_by, self.verdict):
            label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reconstituted)
        buttons.addWidget(self.diluted)
        form = QFormLayout()
        form.addRow(self.tr("Dilute by:"), self.dilute_by)
        form.addRow(self.tr("Start infusion by:"), self.start_by)
        form.addRow(self.tr("Complete by:"), self.complete_by)
        column = QVBoxLayout(self)
        column.addLayout(buttons)
        column.addWidget(self.storage_question)
        for button in self.storage_buttons.values():
            column.addWidget(button)
        # Wrapped labels stay outside the form: there a wrapped label is clipped to one line.
        column.addWidget(self.times)
        column.addLayout(form)
        column.addWidget(self.verdict)

    @property
    def storage(self) -> DilutedStorage | None:
        """The storage the preparer chose for the dilution; None while nothing is chosen."""
        for storage, button in self.storage_buttons.items():
            if button.isChecked():
                return storage
        return None

    def _show_storage_choice(self, open_: bool) -> None:
        """The question is asked only while a dilution is due, and starts unanswered."""
        if not open_ and self.storage is not None:
            self.storage_choices.setExclusive(False)  # exclusive groups cannot uncheck
            for button in self.storage_buttons.values():
                button.setChecked(False)
            self.storage_choices.setExclusive(True)
        for widget in (self.storage_question, *self.storage_buttons.values()):
            widget.setVisible(open_)

    def _show_countdown(self, label: QLabel, countdown: Countdown | None, done: str) -> None:
        if countdown is None:
            label.setText(done)
            label.setStyleSheet(urgency_style(Urgency.OK, colours_for(self)))
            return
        label.setText(
            f"{local_time_text(countdown.deadline)} — {remaining_text(countdown.remaining)}"
        )
        label.setStyleSheet(urgency_style(countdown.urgency, colours_for(self)))

    def show_clock(
        self,
        reconstituted_at: datetime | None,
        dilution: Dilution | None,
        now: datetime,
        infusion_minutes: int | None = None,
    ) -> BenchClock | None:
        """Recompute the countdowns; None while nothing is reconstituted. `infusion_minutes`:
        the dose's own (a syringe's, site-entered); None: the pack's."""
        self.diluted.setEnabled(reconstituted_at is not None and dilution is None)
        self.reconstituted.setEnabled(reconstituted_at is None)
        self._show_storage_choice(reconstituted_at is not None and dilution is None)
        if reconstituted_at is None:
            self.times.setText(self.tr("No reconstitution in progress."))
            for label in (self.dilute_by, self.start_by, self.complete_by, self.verdict):
                label.clear()
                label.setStyleSheet("")
            return None
        clock = bench_clock(self.rules, reconstituted_at, dilution, now, WARNINGS, infusion_minutes)
        diluted = "" if dilution is None else local_time_text(dilution.at)
        kept = (
            ""
            if dilution is None
            else self.tr("<br>Kept: {0}").format(diluted_storage_text(self.rules, dilution.storage))
        )
        times = self.tr("Reconstituted {0}").format(local_time_text(reconstituted_at))
        if diluted:
            times += self.tr("<br>Diluted {0}{1}").format(diluted, kept)
        self.times.setText(times)
        self._show_countdown(
            self.dilute_by, clock.dilute_by, self.tr("diluted {0}").format(diluted)
        )
        self._show_countdown(
            self.start_by,
            clock.start_by,
            self.tr("at dilution; latest {0}").format(local_time_text(clock.limits.latest_start)),
        )
        self._show_countdown(self.complete_by, clock.complete_by, "")
        if clock.can_label:
            self.verdict.setText(self.tr("Within the PI 2.4 limits: the bag may be labelled."))
            self.verdict.setStyleSheet(urgency_style(Urgency.OK, colours_for(self)))
        else:
            self.verdict.setText(
                self.tr("LABEL REFUSED: {0} Record the dose as wasted.").format(
                    " ".join(f.message for f in clock.blocking)
                )
            )
            self.verdict.setStyleSheet(urgency_style(Urgency.EXPIRED, colours_for(self)))
        return clock
