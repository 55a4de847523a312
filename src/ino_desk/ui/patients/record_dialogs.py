"""Dialogs that record one dated fact of a patient: a height and weight, a lab result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QWidget,
)

from ino_desk.domain.patients.labs import LabResult, Measurement
from ino_desk.domain.patients.measurements import read_height, read_weight
from ino_desk.domain.quantities import parse_decimal
from ino_desk.services.charts.labs import record_lab_result
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.ui.common.dates import qdate_to_date
from ino_desk.ui.common.plausibility import unit_choice, with_unit
from ino_desk.ui.common.record_dialog import RecordDialog, date_edit

if TYPE_CHECKING:
    from decimal import Decimal

    from ino_desk.ui.common.desk import Desk


class MeasurementDialog(RecordDialog):
    def __init__(self, desk: Desk, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            desk,
            QCoreApplication.translate("MeasurementDialog", "Record height and weight"),
            "measurementDialog",
            parent,
        )
        self.patient_id = patient_id
        self.measured_on = date_edit()
        self.height_edit = QLineEdit()
        self.weight_edit = QLineEdit()
        # The same conversions as the command line's (domain.measurements), stored metric.
        self.height_unit = unit_choice(self.tr("cm"), self.tr("in"), "heightUnit")
        self.weight_unit = unit_choice(self.tr("kg"), self.tr("lb"), "weightUnit")
        self.form.add_field("measured on", self.tr("Measured on:"), self.measured_on, "measuredOn")
        height = with_unit(self.height_edit, self.height_unit)
        weight = with_unit(self.weight_edit, self.weight_unit)
        self.form.add_field("height", self.tr("Height:"), height, "heightRow")
        self.form.add_field("weight", self.tr("Weight:"), weight, "weightRow")
        self.height_edit.setObjectName("heightCm")
        self.weight_edit.setObjectName("weightKg")
        self.height_edit.setAccessibleName(self.tr("Height"))
        self.weight_edit.setAccessibleName(self.tr("Weight"))
        height.setFocusProxy(self.height_edit)  # an error puts the cursor in the number
        weight.setFocusProxy(self.weight_edit)

    def save(self) -> None:
        def action() -> None:
            m = Measurement(
                self.patient_id,
                qdate_to_date(self.measured_on.date()),
                read_height(
                    self.height_edit.text(),
                    field="height",
                    inches=bool(self.height_unit.currentData()),
                ),
                read_weight(
                    self.weight_edit.text(),
                    field="weight",
                    pounds=bool(self.weight_unit.currentData()),
                ),
            )
            record_measurement(
                self.desk.store,
                m,
                self.desk.who(),
                confirmed=self.confirmed,
                weight_change_confirmed=self.confirmed,  # the same read-back shows both
            )
            self.desk.patientDataChanged.emit(self.patient_id)

        self.run(action)


def _optional(text: str, field: str) -> Decimal | None:
    return parse_decimal(text, field) if text.strip() else None


_TRANSFUSED = {"not stated": None, "no": False, "yes": True}


class LabDialog(RecordDialog):
    def __init__(self, desk: Desk, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            desk,
            QCoreApplication.translate("LabDialog", "Record laboratory results"),
            "labDialog",
            parent,
        )
        self.patient_id = patient_id
        self.drawn_on = date_edit()
        self.fields: dict[str, QLineEdit] = {}
        f = self.form
        f.add_field("drawn on", self.tr("Drawn on:"), self.drawn_on, "labDrawnOn")
        self._line("ANC", self.tr("ANC (×10⁹/L):"), "labAnc")
        self._line("platelets", self.tr("Platelets (×10⁹/L):"), "labPlatelets")
        self.transfused = QComboBox()
        for text, value in _TRANSFUSED.items():
            self.transfused.addItem(text, value)
        f.add_field(
            "platelets transfused since count",
            self.tr("Platelets transfused since the count?"),
            self.transfused,
            "labTransfused",
        )
        self._line("total bilirubin", self.tr("Total bilirubin (mg/dL):"), "labBilirubin")
        self._line(
            "total bilirubin ULN", self.tr("Total bilirubin ULN (mg/dL):"), "labBilirubinUln"
        )
        self._line("AST", self.tr("AST (U/L):"), "labAst")
        self._line("AST ULN", self.tr("AST ULN (U/L):"), "labAstUln")
        self._line("ALT", self.tr("ALT (U/L):"), "labAlt")
        self._line("ALT ULN", self.tr("ALT ULN (U/L):"), "labAltUln")
        self._line("peripheral blasts", self.tr("Peripheral blasts (/mm³):"), "labBlasts")

    def _line(self, key: str, label: str, object_name: str) -> None:
        edit = QLineEdit()
        self.fields[key] = edit
        self.form.add_field(key, label, edit, object_name)

    def value(self, key: str) -> Decimal | None:
        return _optional(self.fields[key].text(), key)

    def save(self) -> None:
        def action() -> None:
            result = LabResult(
                patient_id=self.patient_id,
                drawn_on=qdate_to_date(self.drawn_on.date()),
                anc_10e9_per_l=self.value("ANC"),
                platelets_10e9_per_l=self.value("platelets"),
                platelets_transfused_since=self.transfused.currentData(),
                total_bilirubin=self.value("total bilirubin"),
                total_bilirubin_uln=self.value("total bilirubin ULN"),
                ast_u_per_l=self.value("AST"),
                ast_uln_u_per_l=self.value("AST ULN"),
                alt_u_per_l=self.value("ALT"),
                alt_uln_u_per_l=self.value("ALT ULN"),
                peripheral_blasts_per_mm3=self.value("peripheral blasts"),
            )
            record_lab_result(self.desk.store, result, self.desk.who(), confirmed=self.confirmed)
            self.desk.patientDataChanged.emit(self.patient_id)

        self.run(action)
