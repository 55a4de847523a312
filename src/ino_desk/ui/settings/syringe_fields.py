"""The site's syringe method for small volumes (PI 2.4): four values typed from the site's
copy of the label, all or none (there are no defaults)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from ino_desk.domain.bench.syringe import SITE_ENTERED, SyringeMethod
from ino_desk.domain.errors import InputError
from ino_desk.domain.quantities import format_number, parse_decimal

if TYPE_CHECKING:
    from ino_desk.ui.common.field_form import FieldForm


class SyringeFields:
    """The syringe method's four values; all empty: not entered (there are no defaults)."""

    def __init__(self, method: SyringeMethod | None) -> None:
        def text(value: Decimal | int | None) -> str:
            return "" if value is None else format_number(Decimal(value))

        self.low = QLineEdit(text(method.min_mg_per_ml if method else None))
        self.high = QLineEdit(text(method.max_mg_per_ml if method else None))
        volumes = method.volumes_ml if method else ()
        self.volumes = QLineEdit(", ".join(format_number(v) for v in volumes))
        self.minutes = QLineEdit(text(method.infusion_minutes if method else None))
        for edit in (self.low, self.high, self.volumes, self.minutes):
            edit.setToolTip(
                QCoreApplication.translate(
                    "SyringeFields", "Typed from the site's copy of the PI; printed as {0}"
                ).format(SITE_ENTERED)
            )

    def add_to(self, form: FieldForm) -> None:
        """One row (the dialog must fit 1024 × 600): min, max, volumes, minutes side by side;
        an error on any of them shows under the row."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        edits = (
            (self.low, "min mg/mL", "settingsSyringeMin"),
            (self.high, "max mg/mL", "settingsSyringeMax"),
            (self.volumes, "syringes, mL (5, 10)", "settingsSyringeMl"),
            (self.minutes, "minutes", "settingsSyringeMinutes"),
        )
        for edit, hint, name in edits:
            edit.setPlaceholderText(hint)
            edit.setObjectName(name)
            edit.setAccessibleName(
                QCoreApplication.translate("SyringeFields", "Syringe method {0}").format(hint)
            )
            line.addWidget(edit, 2 if edit is self.volumes else 1)
        form.add_field(
            "syringe method",
            QCoreApplication.translate("SyringeFields", "Syringe method (PI 2.4, {0}):").format(
                SITE_ENTERED
            ),
            row,
            "settingsSyringe",
            aliases=(
                "syringe minimum concentration",
                "syringe maximum concentration",
                "syringe volumes",
                "syringe infusion time",
            ),
        )

    def method(self) -> SyringeMethod | None:
        texts = {
            "syringe minimum concentration": self.low.text().strip(),
            "syringe maximum concentration": self.high.text().strip(),
            "syringe volumes": self.volumes.text().strip(),
            "syringe infusion time": self.minutes.text().strip(),
        }
        if not any(texts.values()):
            return None
        for field, value in texts.items():
            if not value:
                raise InputError(field, "required once any syringe value is typed (no default)")
        minutes = parse_decimal(texts["syringe infusion time"], "syringe infusion time")
        if minutes != minutes.to_integral_value():
            raise InputError("syringe infusion time", "whole minutes")
        return SyringeMethod(
            parse_decimal(texts["syringe minimum concentration"], "syringe minimum concentration"),
            parse_decimal(texts["syringe maximum concentration"], "syringe maximum concentration"),
            tuple(
                parse_decimal(word, "syringe volumes")
                for word in texts["syringe volumes"].split(",")
                if word.strip()
            ),
            int(minutes),
        )
