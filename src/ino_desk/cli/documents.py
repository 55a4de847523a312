"""`ino-desk order-sheet` and `ino-desk bag-label`: write a cycle's documents as PDF files.

From the database (--mrn, --user with that user's password; the issue is recorded, a repeat
is printed as REPRINT), or with --demo from the built-in fictional patient without any database.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.bench_flags import STORAGE_WORDS, typed_dilution, typed_moment
from ino_desk.cli.document_output import refused_document, staged_output, write_document
from ino_desk.cli.parser import UsageError, choice_type, user_path
from ino_desk.cli.stored_documents import issue_stored
from ino_desk.domain.errors import InputError
from ino_desk.domain.printed.documents import DocumentRefusedError, LabelStock, PaperSize
from ino_desk.domain.quantities import parse_decimal
from ino_desk.label.pack import load_pack
from ino_desk.pdf.render import PdfRenderer
from ino_desk.services.paperwork.demo_documents import (
    DEMO_MRN,
    demo_bag_label,
    demo_order_sheet,
    demo_settings,
)

if TYPE_CHECKING:
    import argparse

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.paperwork.cycle_documents import PreparedDocument
    from ino_desk.services.ports.store import Store

MAX_CYCLE = 99  # a typing guard for the flag; the clinical cycle limits come from the pack


def register(commands: Any) -> None:
    sheet = commands.add_parser("order-sheet", help="write a cycle's order sheet as PDF")
    _common(sheet)
    sheet.add_argument(
        "--paper", type=choice_type("--paper", {p.value: p for p in PaperSize}), default=None
    )
    sheet.set_defaults(func=run_order_sheet)

    label = commands.add_parser("bag-label", help="write one dose's infusion-bag label as PDF")
    _common(label)
    label.add_argument("--day", required=True, metavar="D")
    label.add_argument("--reconstituted-at", metavar="ISO", help="default: now (local time)")
    label.add_argument(
        "--diluted-at",
        metavar="ISO",
        help="when the bag was diluted (local time); needs --diluted-storage",
    )
    label.add_argument(
        "--diluted-storage",
        type=choice_type("--diluted-storage", STORAGE_WORDS),
        default=None,
        help="how the diluted bag is kept: room|refrigerated (no default: its limit depends on it)",
    )
    label.add_argument(
        "--stock", type=choice_type("--stock", {s.value: s for s in LabelStock}), default=None
    )
    label.set_defaults(func=run_bag_label)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--mrn", metavar="MRN")
    p.add_argument("--cycle", required=True, metavar="N")
    p.add_argument("--out", required=True, metavar="FILE.pdf", type=user_path("--out"))
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --out file (never a database or a backup)",
    )
    p.add_argument("--demo", action="store_true", help="built-in fictional patient, no database")
    p.add_argument(
        "--user",
        metavar="NAME",
        help="who issues the document (required with --mrn); the password is asked, or read "
        "from INO_DESK_PASSWORD when standard input is not a terminal",
    )


def _whole(text: str, flag: str, low: int, high: int) -> int:
    try:
        value = parse_decimal(text, flag)
    except InputError as exc:
        raise UsageError(f"{flag}: {exc.message}") from None
    if value != value.to_integral_value() or not low <= value <= high:
        raise UsageError(f"{flag}: must be a whole number from {low} to {high}")
    return int(value)


def _patient_source(args: argparse.Namespace) -> bool:
    """True for the demo patient; refuses a real MRN on fictional data, and a missing MRN."""
    if args.demo:
        if args.mrn is not None and args.mrn.strip() != DEMO_MRN:
            raise UsageError(
                f"--mrn: the demo patient's MRN is {DEMO_MRN}; a real MRN is never printed "
                "on fictional data"
            )
        return True
    if args.mrn is None or not args.mrn.strip():
        raise UsageError("--mrn: required (or --demo for the fictional demo patient)")
    return False


def _reconstituted_at(text: str | None, now: datetime) -> datetime:
    if text is None:
        return now
    return typed_moment(text, "--reconstituted-at")


def run_order_sheet(args: argparse.Namespace, out: TextIO) -> int:
    cycle = _whole(args.cycle, "--cycle", 1, MAX_CYCLE)
    rules: ClinicalRules = load_pack().rules
    if not _patient_source(args):

        def stored_sheet(store: Store, now: datetime) -> PreparedDocument:
            from ino_desk.services.paperwork.cycle_documents import prepare_order_sheet
            from ino_desk.services.paperwork.document_lookup import find_cycle

            found = find_cycle(store, args.mrn, cycle)
            return prepare_order_sheet(store, rules, found.id or 0, now, args.paper)

        return issue_stored(args, out, stored_sheet)
    staged = staged_output(args, "the order sheet")
    settings = demo_settings()
    if args.paper is not None:
        settings = dataclasses.replace(settings, paper=args.paper)
    try:
        sheet = demo_order_sheet(rules, cycle, datetime.now().astimezone(), settings)
    except DocumentRefusedError as exc:
        return refused_document(exc)
    return write_document(sheet, PdfRenderer().order_sheet(sheet), staged, out)


def run_bag_label(args: argparse.Namespace, out: TextIO) -> int:
    cycle = _whole(args.cycle, "--cycle", 1, MAX_CYCLE)
    rules: ClinicalRules = load_pack().rules
    days = rules.dose_days.value
    day = _whole(args.day, "--day", 1, days[-1])
    if day not in days:
        raise UsageError(f"--day: doses are given on days {', '.join(map(str, days))}")
    now = datetime.now().astimezone()
    dilution = typed_dilution(args)
    if not _patient_source(args):
        # From the database the recorded preparation gives the times; times typed here are
        # only for a dose whose preparation is not recorded.
        given = (
            None if args.reconstituted_at is None else _reconstituted_at(args.reconstituted_at, now)
        )

        def stored_label(store: Store, at: datetime) -> PreparedDocument:
            from ino_desk.services.paperwork.bag_label_documents import prepare_bag_label
            from ino_desk.services.paperwork.document_lookup import find_dose

            found = find_dose(store, args.mrn, cycle, day)
            return prepare_bag_label(
                store, rules, found.id or 0, at, given, args.stock, dilution=dilution
            )

        return issue_stored(args, out, stored_label)
    reconstituted = _reconstituted_at(args.reconstituted_at, now)
    staged = staged_output(args, "the bag label")
    settings = demo_settings()
    if args.stock is not None:
        settings = dataclasses.replace(settings, label_stock=args.stock)
    try:
        label = demo_bag_label(rules, cycle, day, reconstituted, now, settings, dilution)
    except DocumentRefusedError as exc:
        return refused_document(exc)
    return write_document(label, PdfRenderer().bag_label(label), staged, out)
