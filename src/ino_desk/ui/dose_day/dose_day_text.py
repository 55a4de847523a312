"""The dose-day screen's texts: the order a pharmacist signs, the dose's title and details.

Patient and user text is escaped wherever it lands in rich text: a name is never markup.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.quantities import Unit, format_quantity

if TYPE_CHECKING:
    from ino_desk.domain.course_rules.timeline import Window
    from ino_desk.domain.cycles.course import Cycle, DoseDay
    from ino_desk.services.charts.patient_overview import PatientOverview


def order_text(overview: PatientOverview | None, cycle: Cycle, dose: DoseDay) -> str:
    """What a verifying pharmacist signs: the patient and the dose order's figures."""
    who = ""
    if overview is not None:
        p = overview.patient
        who = f"{p.family_name}, {p.given_name} ({p.mrn}) — "
    return (
        f"{who}Cycle {cycle.number} Day {dose.day}, {dose.planned_date.isoformat()}: "
        f"{format_quantity(dose.dose_mg, Unit.MG)}, {dose.vials} vial(s), drug "
        f"{format_quantity(dose.drug_volume_ml, Unit.ML)} in "
        f"{format_quantity(dose.total_volume_ml, Unit.ML)}{_container(dose)}"
    )


def _container(dose: DoseDay) -> str:
    """A syringe dose says so, and that its method is site-entered (PI 2.4); a bag says
    nothing new (the label's bag is what every order was until the syringe method)."""
    return "" if dose.syringe is None else f" — {dose.syringe.describe()}"


def dose_title(cycle: Cycle, dose: DoseDay) -> str:
    return f"Cycle {cycle.number}, Day {dose.day} — {dose.planned_date.isoformat()} ({dose.status})"


def dose_details_html(cycle: Cycle, dose: DoseDay, window: Window) -> str:
    """The dose, its real window (PI 2.1), its bag, and what became of it, by whom."""
    decided = ""
    if dose.status is not DoseStatus.PLANNED:
        when = f", {dose.decided_at.astimezone():%Y-%m-%d %H:%M}" if dose.decided_at else ""
        reason = f" — {escape(dose.reason)}" if dose.reason else ""
        decided = f"<br>Marked {dose.status} by {escape(dose.decided_by)}{when}{reason}"
    return (
        f"<b>Cycle {cycle.number}, Day {dose.day}</b> on {dose.planned_date.isoformat()} "
        f"(window {window.describe()})<br>"
        f"{format_quantity(dose.dose_mg, Unit.MG)} — {dose.vials} vial(s), drug "
        f"{format_quantity(dose.drug_volume_ml, Unit.ML)} + NaCl 0.9% "
        f"{format_quantity(dose.diluent_ml, Unit.ML)} = "
        f"{format_quantity(dose.total_volume_ml, Unit.ML)}{escape(_container(dose))}"
        f"<br>Status: <b>{dose.status}</b>"
        f"{decided}{_corrected(dose)}"
    )


def _corrected(dose: DoseDay) -> str:
    """An earlier status entered in error: struck through, with who marked it and why."""
    if dose.entered_in_error is None or dose.error_status is None:
        return ""
    return f"<br><s>{dose.error_status}</s> {escape(dose.entered_in_error.note)}"
