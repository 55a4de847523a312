"""`ino-desk waste-report --billing`: the month's J9229 claim lines as a table, CSV or PDF."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from ino_desk.domain.billing import DISCARDED_MODIFIER, HCPCS_CODE
from ino_desk.domain.quantities import format_number

if TYPE_CHECKING:
    from decimal import Decimal

    from ino_desk.services.paperwork.billing_report import BilledRow, BillingReport, BillingTotal

COLUMNS = (
    "line",
    "mrn",
    "patient",
    "cycle",
    "day",
    "date",
    "hcpcs",
    "modifier",
    "units",
    "mg",
    "ndc",
    "ndc_unit",
    "ndc_quantity",
)


def _mg(value: Decimal) -> str:
    return format_number(value, group_thousands=False)


def statements(report: BillingReport) -> tuple[str, ...]:
    return (
        f"Billing of discarded drug, {report.month.label} (times in {report.zone})",
        f"Site rule: {report.rounding.statement}.",
        f"NDC {report.ndc} (11-digit), unit of measure {report.ndc_unit} (vials).",
        "JW: discarded units on their own line; JZ: nothing was discarded.",
    )


def _dose_lines(row: BilledRow, ndc: str, unit: str) -> list[tuple[str, ...]]:
    d = row.dose
    when = (d.given_at.date() if d.given_at else d.planned_date).isoformat()
    vials = str(row.billing.vials)
    lines = row.lines or ((HCPCS_CODE, "", 0, row.billing.discarded_mg),)
    return [
        ("dose", d.mrn, d.patient_name, str(d.cycle_number), str(d.day), when, code,
         modifier, str(units), _mg(mg), ndc, unit, vials)
        for code, modifier, units, mg in lines
    ]  # fmt: skip


def _total_lines(kind: str, t: BillingTotal) -> list[tuple[str, ...]]:
    blank = ("", "", "")  # cycle, day, date
    return [
        (kind, t.mrn, t.patient_name, *blank, HCPCS_CODE, "", str(t.administered_units),
         _mg(t.administered_mg), "", "", str(t.vials)),
        (kind, t.mrn, t.patient_name, *blank, HCPCS_CODE, DISCARDED_MODIFIER,
         str(t.discarded_units), _mg(t.discarded_mg), "", "", ""),
    ]  # fmt: skip


def billing_rows(report: BillingReport) -> list[tuple[str, ...]]:
    """Each dose's claim lines, then each patient's totals, then the month's."""
    rows: list[tuple[str, ...]] = []
    for row in report.rows:
        rows.extend(_dose_lines(row, report.ndc, report.ndc_unit))
    for patient in report.patients:
        rows.extend(_total_lines("patient total", patient))
    rows.extend(_total_lines("month total", report.total))
    return rows


def write_billing_csv(report: BillingReport, out: TextIO) -> None:
    for line in statements(report):  # the rule in force, as comment lines above the header
        out.write(f"# {line}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(billing_rows(report))


def write_billing_table(report: BillingReport, out: TextIO) -> None:
    for line in statements(report):
        out.write(line + "\n")
    if not report.rows:
        out.write("no dose given or discarded this month\n")
        return
    for row in billing_rows(report):
        out.write("  ".join(v for v in row if v) + "\n")


def billing_pdf(report: BillingReport) -> bytes:
    from ino_desk.pdf.table_report import TableReport, render_table_report  # ReportLab: only now

    rows = billing_rows(report)
    totals = frozenset(n for n, r in enumerate(rows) if r[0] != "dose")
    table = TableReport(
        site=report.site,
        title=f"Waste and billing report {report.month.label}",
        statements=statements(report),
        columns=COLUMNS,
        rows=tuple(rows),
        bold_rows=totals,
    )
    return render_table_report(table)
