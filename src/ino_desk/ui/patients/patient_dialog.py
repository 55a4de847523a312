"""New or corrected patient record, with each validation message next to its field."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.patients.patient import (
    MRN_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Patient,
    Sex,
    required_text,
)
from ino_desk.services.charts.patients import register_patient, update_patient
from ino_desk.services.queries import search_patients
from ino_desk.services.store_errors import ConflictError, StoreError
from ino_desk.ui.common.dates import typed_date
from ino_desk.ui.common.record_dialog import RecordDialog

if TYPE_CHECKING:
    from ino_desk.ui.common.desk import Desk


def birth_date(text: str, today: date) -> date:
    """A date of birth typed in full; refused (never clamped) when missing or in the future."""
    born = typed_date("date of birth", text)
    if born > today:
        raise InputError(
            "date of birth", f"{born.isoformat()} is in the future (today is {today.isoformat()})"
        )
    return born


class PatientDialog(RecordDialog):
    """`patient` None registers a new patient; otherwise corrects it (a reason is required).
    The record dialog's frame and refusal handling, with every field checked in one pass."""

    def __init__(self, desk: Desk, patient: Patient | None, parent: QWidget | None = None) -> None:
        super().__init__(desk, "", "patientDialog", parent)
        self.setWindowTitle(
            self.tr("New patient") if patient is None else self.tr("Correct patient record")
        )
        self.original = patient
        self.saved: Patient | None = None
        self.family = QLineEdit()
        self.given = QLineEdit()
        self.mrn = QLineEdit()
        # Typed in full, no default: a date edit always holds some date, which saved unnoticed,
        # kept its year when retyped and silently clamped a future date (issue 16).
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.birth.setMaxLength(10)
        self.sex = QComboBox()
        self.sex.addItem(self.tr("— choose —"), None)
        for sex in Sex:
            self.sex.addItem(sex.value, sex)
        self.none_known = QRadioButton(self.tr("None known (asked and stated)"))
        self.none_known.setObjectName("allergiesNoneKnown")
        self.none_known.setAccessibleName(self.tr("No known allergies"))
        self.has_allergies = QRadioButton(self.tr("Allergies:"))
        self.has_allergies.setObjectName("allergiesListed")
        self.has_allergies.setAccessibleName(self.tr("Allergies listed"))
        self.allergies = QLineEdit()
        self.allergies.setPlaceholderText(self.tr("e.g. penicillin (rash)"))
        allergy_box = QWidget()
        allergy_layout = QVBoxLayout(allergy_box)
        allergy_layout.setContentsMargins(0, 0, 0, 0)
        allergy_layout.addWidget(self.none_known)
        allergy_layout.addWidget(self.has_allergies)
        allergy_layout.addWidget(self.allergies)
        self.allergies.textEdited.connect(lambda _t: self.has_allergies.setChecked(True))
        self.diagnosis = QPlainTextEdit()
        self.diagnosis.setFixedHeight(60)
        self.reason = QLineEdit()
        f = self.form
        f.add_field("family name", self.tr("Family name:"), self.family, "familyName")
        f.add_field("given name", self.tr("Given name:"), self.given, "givenName")
        f.add_field("MRN", self.tr("MRN:"), self.mrn, "mrn")
        self.mrn.editingFinished.connect(self.check_mrn)
        f.add_field("date of birth", self.tr("Date of birth:"), self.birth, "dateOfBirth")
        f.add_field("sex", self.tr("Sex:"), self.sex, "sex")
        f.add_field("allergies", self.tr("Allergies:"), allergy_box, "allergies")
        self.allergies.setObjectName("allergiesText")
        self.allergies.setAccessibleName(self.tr("Allergy list"))
        f.add_field("diagnosis", self.tr("Diagnosis:"), self.diagnosis, "diagnosis")
        if patient is not None:
            f.add_field(
                "reason", self.tr("Reason for the correction:"), self.reason, "correctionReason"
            )
            self._fill(patient)

    def _fill(self, p: Patient) -> None:
        self.family.setText(p.family_name)
        self.given.setText(p.given_name)
        self.mrn.setText(p.mrn)
        self.birth.setText(p.date_of_birth.isoformat())
        self.sex.setCurrentIndex(self.sex.findData(p.sex))
        self.none_known.setChecked(p.no_known_allergies)
        self.has_allergies.setChecked(not p.no_known_allergies)
        self.allergies.setText(p.allergies)
        self.diagnosis.setPlainText(p.diagnosis)

    def _field_errors(self) -> list[InputError]:
        """Every field's problem at once, so the pharmacist corrects them in one pass."""
        errors: list[InputError] = []
        for text, field, limit in (
            (self.family.text(), "family name", NAME_MAX_LENGTH),
            (self.given.text(), "given name", NAME_MAX_LENGTH),
            (self.mrn.text(), "MRN", MRN_MAX_LENGTH),
        ):
            try:
                required_text(text, field, limit)
            except InputError as exc:
                errors.append(exc)
        try:
            birth_date(self.birth.text(), date.today())
        except InputError as exc:
            errors.append(exc)
        if self.sex.currentData() is None:
            errors.append(InputError("sex", "choose one (unknown is a choice)"))
        if not (self.none_known.isChecked() or self.has_allergies.isChecked()):
            errors.append(
                InputError("allergies", "list the allergies or state explicitly: none known")
            )
        elif self.has_allergies.isChecked() and not self.allergies.text().strip():
            errors.append(InputError("allergies", "list the allergies, or choose none known"))
        return errors

    def _patient(self) -> Patient:
        return Patient(
            mrn=self.mrn.text().strip(),
            family_name=self.family.text(),
            given_name=self.given.text(),
            date_of_birth=birth_date(self.birth.text(), date.today()),
            sex=Sex(self.sex.currentData()),
            no_known_allergies=self.none_known.isChecked(),
            allergies="" if self.none_known.isChecked() else self.allergies.text(),
            diagnosis=self.diagnosis.toPlainText(),
            id=None if self.original is None else self.original.id,
        )

    def check_mrn(self) -> None:
        """Say at once when the MRN is already registered to someone else."""
        mrn = self.mrn.text().strip()
        if not mrn:
            return
        try:
            rows = search_patients(self.desk.store, mrn, 20)
        except (DomainError, StoreError):
            return  # the save will say what is wrong
        own = None if self.original is None else self.original.id
        if any(r.mrn.casefold() == mrn.casefold() and r.id != own for r in rows):
            self.form.show_error(InputError("MRN", f"{mrn} is already registered"))

    def save(self) -> None:
        self.form.clear_errors()
        self.general_error.clear()
        errors = self._field_errors()
        if errors:
            for error in reversed(errors):  # focus ends on the first field in error
                self.form.show_error(error)
            return
        self.run(self._store)

    def _store(self) -> None:
        patient = self._patient()
        who = self.desk.who()
        try:
            if self.original is None:
                self.saved = register_patient(self.desk.store, patient, who)
            else:
                self.saved = update_patient(self.desk.store, patient, who, self.reason.text())
        except ConflictError as exc:  # the MRN is someone else's: said next to the MRN
            raise InputError("MRN", exc.message) from None
        assert self.saved.id is not None
        self.desk.patientSaved.emit(self.saved.id)
