"""Record the course facts the pre-dose gates need: VOD/SOS, low counts since, CrCl, dialysis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.cycles.course import CRCL_ML_PER_MIN_LIMITS
from ino_desk.domain.errors import InputError
from ino_desk.services.planning.course_facts import CourseFacts, record_course_facts
from ino_desk.ui.common.dates import date_to_qdate, qdate_to_date
from ino_desk.ui.common.record_dialog import RecordDialog, date_edit

if TYPE_CHECKING:
    from datetime import date

    from ino_desk.domain.cycles.course import Course
    from ino_desk.ui.common.desk import Desk

_DIALYSIS = {"not recorded": None, "no": False, "yes": True}


def _dated(check: QCheckBox, edit: QDateEdit, value: date | None) -> None:
    check.setChecked(value is not None)
    if value is not None:
        edit.setDate(date_to_qdate(value))
    edit.setEnabled(value is not None)
    check.toggled.connect(edit.setEnabled)


class CourseFactsDialog(RecordDialog):
    """Shows what is recorded for the course; Save stores the whole set, audited."""

    def __init__(
        self, desk: Desk, course: Course, patient_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            desk,
            QCoreApplication.translate("CourseFactsDialog", "Clinical facts of the course"),
            "courseFactsDialog",
            parent,
        )
        assert course.id is not None
        self.course_id = course.id
        self.patient_id = patient_id
        self.saved = False
        note = QLabel(
            self.tr(
                "Facts the pre-dose checks need that no lab result carries. A recorded VOD/SOS "
                "blocks every further dose; a long low-count period and CrCl or dialysis are "
                "checked against the label."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("courseFactsNote")
        frame = self.layout()
        assert isinstance(frame, QVBoxLayout)
        frame.insertWidget(0, note)  # above the form, at full width
        self.vod = QCheckBox(self.tr("VOD/SOS diagnosed"))
        self.vod_on = date_edit()
        self.vod_by = QLineEdit(course.vod_diagnosed_by or "")
        self.vod_by.setPlaceholderText(self.tr("clinician who made the diagnosis"))
        _dated(self.vod, self.vod_on, course.vod_diagnosed_on)
        self.vod.toggled.connect(self.vod_by.setEnabled)
        self.vod_by.setEnabled(course.vod_diagnosed_on is not None)
        self.low = QCheckBox(self.tr("ANC or platelets low since"))
        self.low_on = date_edit()
        _dated(self.low, self.low_on, course.low_counts_since)
        self.crcl = QLineEdit("" if course.crcl_ml_per_min is None else str(course.crcl_ml_per_min))
        low, high = CRCL_ML_PER_MIN_LIMITS
        self.crcl.setPlaceholderText(
            self.tr("mL/min, whole number above {0} up to {1}; blank").format(low, high)
        )
        self.dialysis = QComboBox()
        for text, value in _DIALYSIS.items():
            self.dialysis.addItem(text, value)
        self.dialysis.setCurrentIndex(self.dialysis.findData(course.on_dialysis))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("why (required to remove a recorded VOD/SOS)"))
        f = self.form
        f.add_field("VOD diagnosed", self.tr("VOD/SOS:"), self.vod, "factsVod")
        f.add_field("VOD diagnosed on", self.tr("Diagnosed on:"), self.vod_on, "factsVodOn")
        f.add_field("VOD diagnosed by", self.tr("Diagnosed by:"), self.vod_by, "factsVodBy")
        f.add_field("low counts", self.tr("Low counts:"), self.low, "factsLowCounts")
        f.add_field("low counts since", self.tr("Low since:"), self.low_on, "factsLowSince")
        f.add_field("CrCl", self.tr("CrCl (mL/min):"), self.crcl, "factsCrcl")
        f.add_field("dialysis", self.tr("On dialysis:"), self.dialysis, "factsDialysis")
        f.add_field("reason", self.tr("Reason:"), self.reason, "factsReason")
        self.setMinimumWidth(480)

    def facts(self) -> CourseFacts:
        crcl_text = self.crcl.text().strip()
        crcl: int | None = None
        if crcl_text:
            low, high = CRCL_ML_PER_MIN_LIMITS
            if not crcl_text.isdigit():
                raise InputError(
                    "CrCl", f"type a whole number above {low} up to {high}, or leave blank"
                )
            crcl = int(crcl_text)
        vod = self.vod.isChecked()
        return CourseFacts(
            vod_diagnosed_on=qdate_to_date(self.vod_on.date()) if vod else None,
            vod_diagnosed_by=self.vod_by.text().strip() if vod else None,
            low_counts_since=qdate_to_date(self.low_on.date()) if self.low.isChecked() else None,
            crcl_ml_per_min=crcl,
            on_dialysis=self.dialysis.currentData(),
        )

    def save(self) -> None:
        def action() -> None:
            record_course_facts(
                self.desk.store, self.course_id, self.facts(), self.desk.who(), self.reason.text()
            )
            self.saved = True
            self.desk.patientDataChanged.emit(self.patient_id)

        self.run(action)


def describe_facts(course: Course) -> str:
    """One line for the course timeline; empty when nothing is recorded."""
    parts = []
    if course.vod_diagnosed_on is not None:
        parts.append(f"VOD/SOS {course.vod_diagnosed_on.isoformat()} ({course.vod_diagnosed_by})")
    if course.low_counts_since is not None:
        parts.append(f"low counts since {course.low_counts_since.isoformat()}")
    if course.crcl_ml_per_min is not None:
        parts.append(f"CrCl {course.crcl_ml_per_min} mL/min")
    if course.on_dialysis is not None:
        parts.append("on dialysis" if course.on_dialysis else "no dialysis")
    return "; ".join(parts)
