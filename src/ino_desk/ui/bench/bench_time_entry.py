"""When a bench step happened: now (a press), or the real time typed afterwards with the
reason it is not now (issue 16). The service checks the time; the clock runs from it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from ino_desk.ui.common.palette import colours_for

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ino_desk.domain.bench.bench_marks import BenchMark


class BenchTimeEntry(QGroupBox):
    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("benchTimeEntry")
        self.setTitle(self.tr("When the step happened"))
        self.now = now
        self.earlier = QCheckBox(self.tr("Earlier than now, at:"))
        self.earlier.setObjectName("benchTimeEarlier")
        self.time = QDateTimeEdit()
        self.time.setObjectName("benchTimeAt")
        self.time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.time.setAccessibleName(self.tr("Time the step happened, local time"))
        self.reason = QLineEdit()
        self.reason.setObjectName("benchTimeReason")
        self.reason.setPlaceholderText(self.tr("Why it is not now (required)"))
        self.reason.setAccessibleName(self.tr("Reason for the time"))
        # Times entered afterwards on the bag being made, read back where the clock is.
        self.notes = QLabel()
        self.notes.setObjectName("benchTimeNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(f"color: {colours_for(self).progress}")
        form = QFormLayout(self)
        form.addRow(self.earlier, self.time)
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow(self.notes)
        self.earlier.toggled.connect(self._toggled)
        self._toggled(False)

    def _toggled(self, on: bool) -> None:
        self.time.setEnabled(on)
        self.reason.setEnabled(on)
        # Now, in local time: the user moves it back; greyed out it reads now too, not the
        # editor's 2000-01-01 (seen at the bench under Xvfb, issue 16).
        self.time.setDateTime(QDateTime(self.now().astimezone().replace(tzinfo=None)))

    def chosen(self) -> tuple[datetime, str | None]:
        """(now, None) for a press; else the typed local time (aware) and the typed reason."""
        if not self.earlier.isChecked():
            return self.now(), None
        typed = self.time.dateTime().toPython()  # naive, local wall time
        assert isinstance(typed, datetime)
        return typed.astimezone(), self.reason.text()

    def reset(self) -> None:
        self.earlier.setChecked(False)
        self.reason.clear()

    def show_notes(self, marks: Sequence[BenchMark]) -> None:
        lines = [m.entered_note for m in marks if m.entered_note]
        self.notes.setText("\n".join(self.tr("Entered later: {0}").format(t) for t in lines))
        self.notes.setVisible(bool(lines))
