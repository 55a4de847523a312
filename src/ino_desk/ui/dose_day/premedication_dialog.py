"""Record one premedication: drug, dose, route and time given, before the infusion starts."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QLineEdit, QWidget

from ino_desk.domain.errors import InputError
from ino_desk.services.planning.dose_day import PremedicationGiven, premedication_findings
from ino_desk.services.settings import load_settings
from ino_desk.ui.common.findings_panel import findings_html
from ino_desk.ui.common.record_dialog import RecordDialog

if TYPE_CHECKING:
    from ino_desk.ui.common.desk import Desk

ROUTES = ("IV", "PO", "IM", "SC")


def _aware(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value.astimezone()  # the workstation's local zone, stated explicitly


def _edit(when: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime(when))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


class PremedicationDialog(RecordDialog):
    """Collects; `given` holds the answer after Save. The caller's service saves it."""

    def __init__(self, desk: Desk, title: str, parent: QWidget | None = None) -> None:
        super().__init__(desk, title, "premedicationDialog", parent)
        self.title = title
        self.given: PremedicationGiven | None = None
        settings = load_settings(desk.store)
        now = datetime.now().replace(second=0, microsecond=0)
        template = settings.premedication_template.strip() or "not set by the site"
        self.template = QLabel(
            self.tr(
                "Site template (site policy): {0}<br>Lead time (site policy, the label gives "
                "none): {1} min before the infusion."
            ).format(escape(template), settings.premedication_lead_minutes)
        )
        self.template.setWordWrap(True)
        self.drug = QLineEdit()
        self.dose = QLineEdit()
        self.dose.setPlaceholderText(self.tr("amount and unit, e.g. 10 mg"))
        self.route = QComboBox()
        self.route.setEditable(True)
        self.route.addItems(ROUTES)
        self.given_at = _edit(now)
        self.infusion_start = _edit(now + timedelta(minutes=settings.premedication_lead_minutes))
        self.timing = QLabel()
        self.timing.setObjectName("premedicationTiming")
        self.timing.setWordWrap(True)
        f = self.form
        f.add_row("", self.template)
        f.add_field("drug", self.tr("Drug:"), self.drug, "premedDrug")
        f.add_field("dose", self.tr("Dose:"), self.dose, "premedDose")
        f.add_field("route", self.tr("Route:"), self.route, "premedRoute")
        f.add_field("time given", self.tr("Given at:"), self.given_at, "premedGivenAt")
        f.add_field(
            "infusion start", self.tr("Infusion starts at:"), self.infusion_start, "premedStart"
        )
        f.add_row("", self.timing)
        self.given_at.dateTimeChanged.connect(lambda _v: self.check_timing())
        self.infusion_start.dateTimeChanged.connect(lambda _v: self.check_timing())

    def answer(self) -> PremedicationGiven:
        return PremedicationGiven(
            drug=self.drug.text(),
            dose=self.dose.text(),
            route=self.route.currentText(),
            given_at=_aware(self.given_at),
            infusion_start=_aware(self.infusion_start),
        )

    def check_timing(self) -> None:
        try:
            findings = premedication_findings(self.desk.store, self.answer(), self.title)
        except InputError:
            self.timing.clear()  # incomplete entry: the fields say what is missing on Save
            return
        self.timing.setText(findings_html(findings, self.tr("Given before the infusion.")))

    def save(self) -> None:
        def action() -> None:
            given = self.answer()
            for finding in premedication_findings(self.desk.store, given, self.title):
                if finding.blocks:
                    raise InputError("time given", finding.message)
            self.given = given

        self.run(action)
