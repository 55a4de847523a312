"""Start a course: its first day, whether HSCT is planned after it, and its BSA formula,
locked for the whole course once confirmed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.services.planning.courses import start_course
from ino_desk.services.settings import load_settings
from ino_desk.ui.common.dates import qdate_to_date
from ino_desk.ui.common.record_dialog import RecordDialog, date_edit

if TYPE_CHECKING:
    from ino_desk.ui.common.desk import Desk

_HSCT = {"not decided yet": None, "yes": True, "no": False}


class CourseDialog(RecordDialog):
    """A course locks its BSA formula; the HSCT plan decides how many cycles it may have."""

    def __init__(self, desk: Desk, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            desk,
            QCoreApplication.translate("CourseDialog", "Start a course"),
            "courseDialog",
            parent,
        )
        self.patient_id = patient_id
        self.started_on = date_edit()
        self.hsct = QComboBox()
        for text, value in _HSCT.items():
            self.hsct.addItem(text, value)
        self.formula = QComboBox()
        for formula in BsaFormula:
            self.formula.addItem(formula.display_name, formula)
        default = load_settings(desk.store).policy.bsa_formula
        self.formula.setCurrentIndex(self.formula.findData(default))
        self.confirm = QCheckBox(
            self.tr("I understand the BSA formula cannot change during the course")
        )
        f = self.form
        f.add_field("started on", self.tr("Course starts on:"), self.started_on, "courseStart")
        f.add_field("HSCT", self.tr("HSCT planned after treatment:"), self.hsct, "courseHsct")
        f.add_field("BSA formula", self.tr("BSA formula (locked):"), self.formula, "courseFormula")
        f.add_field(
            "confirmation", self.tr("Formula locked:"), self.confirm, "courseFormulaConfirm"
        )

    def save(self) -> None:
        def action() -> None:
            if not self.confirm.isChecked():
                raise InputError("confirmation", "tick to confirm the locked BSA formula")
            start_course(
                self.desk.store,
                self.patient_id,
                qdate_to_date(self.started_on.date()),
                self.hsct.currentData(),
                self.desk.who(),
                BsaFormula(self.formula.currentData()),
            )
            self.desk.patientDataChanged.emit(self.patient_id)

        self.run(action)
