"""The patient page's header: name, MRN, date of birth with the age today, sex, allergies and
diagnosis (the patient's own text escaped, never read as markup)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from datetime import date

    from ino_desk.services.charts.patient_overview import PatientOverview


def header_html(o: PatientOverview, today: date) -> str:
    p = o.patient
    allergies = "none known" if p.no_known_allergies else p.allergies
    return QCoreApplication.translate(
        "PatientPage",
        "<span style='font-size:14pt'><b>{0}</b></span> &nbsp; MRN <b>{1}</b> &nbsp; "
        "born&nbsp;{2}&nbsp;(age&nbsp;{6}) &nbsp; {3}<br>Allergies: <b>{4}</b> &nbsp; "
        "Diagnosis: {5}",
    ).format(
        escape(p.display_name),
        escape(p.mrn),
        p.date_of_birth.isoformat(),
        p.sex.value,
        escape(allergies),
        escape(p.diagnosis) or "—",
        p.age_on(today),
    )
