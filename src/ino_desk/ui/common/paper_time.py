""" "Recorded after downtime" and the paper time: a paper record entered afterwards (issue 18)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QWidget

from ino_desk.domain.errors import InputError
from ino_desk.domain.printed.paper_records import paper_record

if TYPE_CHECKING:
    from ino_desk.domain.printed.paper_records import PaperRecord


class PaperTimeBox(QWidget):
    """A checkbox and the time on the paper (local clock), enabled only when ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.after_downtime = QCheckBox(self.tr("Recorded after downtime, paper time:"))
        self.after_downtime.setObjectName("afterDowntime")
        self.after_downtime.setAccessibleName(self.tr("Recorded after downtime"))
        self.paper_time = QDateTimeEdit(QDateTime.currentDateTime())
        self.paper_time.setObjectName("paperTime")
        self.paper_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.paper_time.setCalendarPopup(True)
        self.paper_time.setAccessibleName(self.tr("Time on the paper record"))
        self.paper_time.setEnabled(False)
        self.after_downtime.toggled.connect(self.paper_time.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.after_downtime)
        row.addWidget(self.paper_time, 1)

    def paper(self, now: datetime) -> PaperRecord | None:
        """The paper record when ticked (InputError naming the allowed range), else None."""
        if not self.after_downtime.isChecked():
            return None
        chosen = self.paper_time.dateTime().toPython()
        if not isinstance(chosen, datetime):  # PySide6 types toPython() as object
            raise InputError("paper time", "choose the date and time on the paper")
        return paper_record(chosen.astimezone(), now)

    def clear(self) -> None:
        self.after_downtime.setChecked(False)
        self.paper_time.setDateTime(QDateTime.currentDateTime())
