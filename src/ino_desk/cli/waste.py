"""`ino-desk waste-report --month YYYY-MM [--csv]`: the month's discarded drug, per dose."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ino_desk.cli.credentials import add_export_user_flag
from ino_desk.cli.exports import signed_in_export
from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, UsageError, user_path
from ino_desk.domain.bench.bench_clock import local_time_text
from ino_desk.domain.bench.waste import Month, parse_month
from ino_desk.domain.errors import InputError
from ino_desk.domain.quantities import format_number, format_quantity
from ino_desk.label.pack import load_pack
from ino_desk.safe_files import OutputFileError
from ino_desk.services.paperwork.billing_report import billing_report
from ino_desk.services.preparing.waste_report import WasteReport, waste_report

if TYPE_CHECKING:
    import argparse


CSV_COLUMNS = (
    "recorded_at",
    "mrn",
    "patient",
    "cycle",
    "day",
    "kind",
    "vials",
    "discarded_mg",
    "reason",
    "recorded_by",
)


def register(commands: Any) -> None:
    p = commands.add_parser("waste-report", help="discarded drug of one month, per dose")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--csv", action="store_true", help="comma-separated values with a header")
    p.add_argument(
        "--tz", metavar="ZONE", default="UTC", help="time zone of the month (default: UTC)"
    )
    p.add_argument(
        "--billing",
        action="store_true",
        help="per dose: J9229 units (0.1 mg) administered and discarded, JW/JZ, the NDC",
    )
    p.add_argument(
        "--out",
        metavar="FILE.pdf",
        type=user_path("--out"),
        help="with --billing: write the report as PDF",
    )
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    add_export_user_flag(p)
    p.set_defaults(func=run)


def zone_arg(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"--tz: {name!r} is not a time zone, e.g. America/New_York") from None


def run(args: argparse.Namespace, out: TextIO) -> int:
    try:
        month = parse_month(args.month, "--month")
    except InputError as exc:
        raise UsageError(str(exc)) from None
    zone = zone_arg(args.tz)
    if args.out is not None and not args.billing:
        raise UsageError("--out: the PDF is the billing report; add --billing")
    if args.billing:
        return run_billing(args, month, zone, out)
    with signed_in_export(args) as export:
        if export is None:
            return EXIT_FAILED
        report = waste_report(export.store, month, zone)
        kind = "CSV" if args.csv else "table"
        export.record(f"waste report {args.month.strip()} ({kind})")
    if args.csv:
        _write_csv(report, zone, out)
    else:
        _write_table(report, zone, out)
    return EXIT_OK


def run_billing(args: argparse.Namespace, month: Month, zone: ZoneInfo, out: TextIO) -> int:
    from ino_desk.cli.billing import billing_pdf, write_billing_csv, write_billing_table
    from ino_desk.cli.document_output import staged_output

    staged = staged_output(args, "the billing report") if args.out is not None else None
    with signed_in_export(args) as export:
        if export is None:
            return EXIT_FAILED
        report = billing_report(export.store, load_pack().rules, month, zone)
        kind = "PDF" if staged else "CSV" if args.csv else "table"
        if staged is not None:
            try:
                with staged:
                    staged.write(billing_pdf(report))
                    path = staged.publish()
            except OutputFileError as exc:
                raise UsageError(f"--out: {exc.message}") from None
            out.write(f"billing report {month.label} written to {path}\n")
        export.record(f"billing report {args.month.strip()} ({kind})")
    if staged is None:
        (write_billing_csv if args.csv else write_billing_table)(report, out)
    return EXIT_OK


def _write_csv(report: WasteReport, zone: ZoneInfo, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.rows:
        r = row.record
        writer.writerow(
            (
                r.recorded_at.astimezone(zone).isoformat(timespec="minutes"),
                row.mrn,
                row.patient_name,
                row.cycle_number,
                row.day,
                r.kind.value,
                r.vials,
                format_number(r.discarded_mg, group_thousands=False),
                r.reason,
                r.recorded_by,
            )
        )


def _write_table(report: WasteReport, zone: ZoneInfo, out: TextIO) -> None:
    out.write(f"Waste report {report.month.label} (times in {report.zone})\n")
    if not report.rows:
        out.write("no waste recorded this month\n")
        return
    for row in report.rows:
        r = row.record
        out.write(
            f"{local_time_text(r.recorded_at, zone)}  {row.mrn}  {row.patient_name}  "
            f"C{row.cycle_number}D{row.day}  {r.kind.value}  {r.vials} vial(s)  "
            f"{format_quantity(r.discarded_mg, 'mg')}  {r.reason}  ({r.recorded_by})\n"
        )
    t = report.totals
    out.write(
        f"total: {format_quantity(t.discarded_mg, 'mg')} discarded from {t.vials} vial(s) "
        f"over {t.doses} dose(s)\n"
    )
