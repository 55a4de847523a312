"""Site settings: name, BSA formula, dose rounding, premedication lead time and template, paper,
password aging, the PI 2.4 syringe method an administrator types from the site's PI, the
plausible ranges of typed values, the J9229 billing rounding rule and the backup passphrase."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ino_desk.domain.bench.dose_rounding import MAX_ROUNDING_PERCENT, DoseRoundingPolicy
from ino_desk.domain.billing import BillingRounding
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.patients.plausibility import parse_ranges
from ino_desk.domain.printed.documents import LabelStock, PaperSize
from ino_desk.domain.quantities import format_number, parse_decimal
from ino_desk.domain.site_settings import (
    PASSWORD_MAX_AGE_LIMITS,
    PREMEDICATION_LEAD_LIMITS,
    SiteSettings,
)
from ino_desk.domain.staff.users import Permission
from ino_desk.services.settings import load_settings, save_settings
from ino_desk.services.staff.backup_passphrase import (
    backups_encrypted,
    check_passphrase,
    set_backup_passphrase,
)
from ino_desk.ui.common.record_dialog import RecordDialog
from ino_desk.ui.common.rights import gate
from ino_desk.ui.settings.syringe_fields import SyringeFields

if TYPE_CHECKING:
    from ino_desk.ui.common.desk import Desk

_LABEL_STOCK = {LabelStock.INCH_4X3: "4 × 3 in", LabelStock.MM_100X70: "100 × 70 mm"}


class SettingsDialog(RecordDialog):
    """Every change is audited with its reason; printouts call these values site policy."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(
            desk,
            QCoreApplication.translate("SettingsDialog", "Site settings"),
            "settingsDialog",
            parent,
        )
        self.current = load_settings(desk.store)
        gate(desk, Permission.CHANGE_SETTINGS, self.save_button)
        s = self.current
        self.site_name = QLineEdit(s.site_name)
        self.formula = QComboBox()
        for formula in BsaFormula:
            self.formula.addItem(formula.display_name, formula)
        self.formula.setCurrentIndex(self.formula.findData(s.policy.bsa_formula))
        self.rounding = QComboBox()
        self.rounding.addItem(self.tr("Off: doses as calculated"), False)
        self.rounding.addItem(self.tr("To whole vials when within N %"), True)
        self.rounding.setCurrentIndex(1 if s.policy.dose_rounding.enabled else 0)
        percent = s.policy.dose_rounding.max_percent
        self.rounding_percent = QLineEdit("" if percent is None else format_number(percent))
        self.rounding_percent.setPlaceholderText(
            self.tr("more than 0, at most {0}").format(format_number(MAX_ROUNDING_PERCENT))
        )
        self.rounding_percent.setEnabled(s.policy.dose_rounding.enabled)
        self.rounding.currentIndexChanged.connect(
            lambda _i: self.rounding_percent.setEnabled(bool(self.rounding.currentData()))
        )
        self.lead = QLineEdit(str(s.premedication_lead_minutes))
        low, high = PREMEDICATION_LEAD_LIMITS
        self.lead.setPlaceholderText(self.tr("{0} to {1}").format(low, high))
        self.template = QPlainTextEdit(s.premedication_template)
        self.template.setFixedHeight(70)
        self.paper = QComboBox()
        for paper in PaperSize:
            self.paper.addItem(
                paper.value.upper() if paper is PaperSize.A4 else self.tr("Letter"), paper
            )
        self.paper.setCurrentIndex(self.paper.findData(s.paper_size))
        self.label_stock = QComboBox()
        for stock, text in _LABEL_STOCK.items():
            self.label_stock.addItem(text, stock)
        self.label_stock.setCurrentIndex(self.label_stock.findData(s.label_stock))
        days = s.password_max_age_days
        self.password_age = QLineEdit("" if days is None else str(days))
        low, high = PASSWORD_MAX_AGE_LIMITS
        self.password_age.setPlaceholderText(self.tr("off; or {0} to {1} days").format(low, high))
        self.planner_may_verify = QCheckBox(
            self.tr("Single-pharmacist site: the planner may verify own orders")
        )
        self.planner_may_verify.setChecked(s.policy.planner_may_verify)
        self.syringe = SyringeFields(s.syringe)
        # Not label rules: the product's defaults catch typing slips; a site may widen them.
        self.plausible = QPlainTextEdit(s.plausible.lines())
        self.plausible.setFixedHeight(120)
        self.plausible.setToolTip(
            self.tr(
                "A typed value outside its range asks the user to confirm it (e.g. pounds typed "
                "as kilograms). One line per value: name: low to high."
            )
        )
        self.billing = QComboBox()
        for n, rule in enumerate(BillingRounding):  # short in the list (1024 × 600 screens)
            self.billing.addItem(rule.value, rule)
            self.billing.setItemData(n, rule.statement, Qt.ItemDataRole.ToolTipRole)
        self.billing.setCurrentIndex(self.billing.findData(s.billing_rounding))
        self.passphrase = QLineEdit()
        self.passphrase_again = QLineEdit()
        for field in (self.passphrase, self.passphrase_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setPlaceholderText(
                self.tr("encrypted: empty keeps the passphrase")
                if backups_encrypted(desk.store)
                else self.tr("plain: set one to encrypt every backup")
            )
        self.reason = QLineEdit()
        f = self.form
        f.add_field("site name", self.tr("Site name:"), self.site_name, "settingsSiteName")
        f.add_field(
            "BSA formula", self.tr("Default BSA formula:"), self.formula, "settingsBsaFormula"
        )
        f.add_field("rounding mode", self.tr("Dose rounding:"), self.rounding, "settingsRounding")
        f.add_field(
            "dose rounding",
            self.tr("Rounding tolerance (%):"),
            self.rounding_percent,
            "settingsRoundingPct",
        )
        f.add_field(
            "premedication lead time",
            self.tr("Premedication lead time (min, site policy):"),
            self.lead,
            "settingsPremedLead",
        )
        f.add_field(
            "premedication template",
            self.tr("Premedication template (drug, dose, route):"),
            self.template,
            "settingsPremedTemplate",
        )
        f.add_field("paper size", self.tr("Paper size:"), self.paper, "settingsPaper")
        f.add_field(
            "label stock", self.tr("Bag label size:"), self.label_stock, "settingsLabelStock"
        )
        f.add_field(
            "password aging",
            self.tr("Password aging (days, site policy):"),
            self.password_age,
            "settingsPasswordAge",
        )
        f.add_field(
            "order verification",
            self.tr("Order verification (site policy):"),
            self.planner_may_verify,
            "settingsPlannerMayVerify",
        )
        self.syringe.add_to(f)
        f.add_field(
            "plausible ranges",
            self.tr("Plausible ranges (confirm outside; not label rules):"),
            self.plausible,
            "settingsPlausibleRanges",
        )
        f.add_field(
            "billing rounding",
            self.tr("J9229 billing (site rule):"),
            self.billing,
            "settingsBilling",
        )
        f.add_field(
            "backup passphrase",
            self.tr("New backup passphrase (restore asks it):"),
            self.passphrase,
            "settingsBackupPassphrase",
        )
        f.add_field(
            "backup passphrase again",
            self.tr("Backup passphrase again:"),
            self.passphrase_again,
            "settingsBackupPassphraseAgain",
        )
        f.add_field("reason", self.tr("Reason for the change:"), self.reason, "settingsReason")

    def _new_passphrase(self) -> str | None:
        """None keeps the current one; checked before anything is saved."""
        typed = self.passphrase.text()
        if not typed and not self.passphrase_again.text():
            return None
        if typed != self.passphrase_again.text():
            raise InputError("backup passphrase again", "the two entries differ")
        return check_passphrase(typed)

    def _lead_minutes(self) -> int:
        value = parse_decimal(self.lead.text(), "premedication lead time")
        if value != value.to_integral_value():
            raise InputError("premedication lead time", "whole minutes")
        return int(value)

    def _password_age_days(self) -> int | None:
        """Empty is off; otherwise whole days (the limits are checked by SiteSettings)."""
        if not self.password_age.text().strip():
            return None
        value = parse_decimal(self.password_age.text(), "password aging")
        if value != value.to_integral_value():
            raise InputError("password aging", "whole days, or empty for off")
        return int(value)

    def settings(self) -> SiteSettings:
        rounding = DoseRoundingPolicy(
            parse_decimal(self.rounding_percent.text(), "dose rounding")
            if self.rounding.currentData()
            else None
        )
        policy = replace(
            self.current.policy,
            bsa_formula=BsaFormula(self.formula.currentData()),
            dose_rounding=rounding,
            planner_may_verify=self.planner_may_verify.isChecked(),
        )
        return SiteSettings(
            site_name=self.site_name.text(),
            policy=policy,
            premedication_lead_minutes=self._lead_minutes(),
            premedication_template=self.template.toPlainText(),
            paper_size=PaperSize(self.paper.currentData()),
            label_stock=LabelStock(self.label_stock.currentData()),
            password_max_age_days=self._password_age_days(),
            syringe=self.syringe.method(),
            plausible=parse_ranges(self.plausible.toPlainText()),
            billing_rounding=BillingRounding(self.billing.currentData()),
        )

    def save(self) -> None:
        def action() -> None:
            passphrase = self._new_passphrase()
            save_settings(
                self.desk.store,
                self.settings(),
                self.desk.who(),
                self.reason.text(),
                self.desk.rules,
            )
            if passphrase is not None:
                set_backup_passphrase(
                    self.desk.store, self.desk.who(), passphrase, self.reason.text()
                )
            self.desk.settingsChanged.emit()

        self.run(action)
