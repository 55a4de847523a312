"""The patient page's tables: measurements with their weight change, and laboratory results,
as the rows the page shows (plain text; the page adds its own translated words)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from ino_desk.domain.quantities import Unit, format_number, format_quantity
from ino_desk.services.charts.patient_overview import (
    WEIGHT_CHANGE_ALERT_PERCENT,
    course_reference_weight,
    weight_changes,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from ino_desk.domain.patients.labs import LabResult
    from ino_desk.services.charts.patient_overview import PatientOverview


def new_table(object_name: str, accessible: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(object_name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()  # empty, the headers are read whole too
    return table


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


def number(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return format_quantity(value, unit) if unit else format_number(value)


def measurement_rows(o: PatientOverview) -> list[list[str]]:
    reference = course_reference_weight(o.current_course)
    rows = []
    for change in weight_changes(o.measurements, reference):
        m = change.measurement
        rows.append(
            [
                m.measured_on.isoformat(),
                format_quantity(m.height_cm, Unit.CM),
                format_quantity(m.weight_kg, Unit.KG),
                "—" if change.percent is None else f"{format_number(change.percent)} %",
                (
                    f"⚠ over {format_number(WEIGHT_CHANGE_ALERT_PERCENT)} % since cycle 1: "
                    "check BSA and VOD signs"
                    if change.flagged
                    else ""
                ),
            ]
        )
    return rows


def lab_rows(o: PatientOverview, source: Callable[[LabResult], str]) -> list[list[str]]:
    return [
        [
            r.drawn_on.isoformat(),
            number(r.anc_10e9_per_l),
            number(r.platelets_10e9_per_l),
            {None: "—", True: "yes", False: "no"}[r.platelets_transfused_since],
            f"{number(r.total_bilirubin)} ({number(r.total_bilirubin_uln)})",
            f"{number(r.ast_u_per_l)} ({number(r.ast_uln_u_per_l)})",
            f"{number(r.alt_u_per_l)} ({number(r.alt_uln_u_per_l)})",
            number(r.peripheral_blasts_per_mm3),
            source(r),
        ]
        for r in o.labs
    ]
