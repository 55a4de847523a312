"""`ino-desk order-sheet` and `ino-desk bag-label`: write a cycle's documents as PDF files.

From the database (--mrn, --user with that user's password; the issue is recorded, a repeat
is printed as REPRINT), or with --demo from the built-in fictional patient without any database.
"""

from __future__ import annotations

import dataclasses
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, UsageError, choice_type, printable
from ino_desk.domain.bench.preparation import DilutedStorage, Dilution
from ino_desk.domain.errors import InputError
from ino_desk.domain.printed.documents import (
    DocumentRefusedError,
    LabelStock,
    OrderSheet,
    PaperSize,
)
from ino_desk.domain.quantities import parse_decimal
from ino_desk.label.pack import load_pack
from ino_desk.pdf.render import PdfRenderer
from ino_desk.safe_files import OutputFileError, StagedFile
from ino_desk.services.paperwork.demo_documents import (
    DEMO_MRN,
    demo_bag_label,
    demo_order_sheet,
    demo_settings,
)

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from ino_desk.domain.printed.bag_label import BagLabel
    from ino_desk.domain.records import DocumentRecord
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.paperwork.cycle_documents import PreparedDocument
    from ino_desk.services.paperwork.document_lookup import NotOnRecordError
    from ino_desk.services.ports.store import Store

MAX_CYCLE = 99  # a typing guard for the flag; the clinical cycle limits come from the pack
STORAGE_WORDS: dict[str, object] = {
    "room": DilutedStorage.ROOM_TEMPERATURE,
    "refrigerated": DilutedStorage.REFRIGERATED,
}


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
    p.add_argument("--out", required=True, metavar="FILE.pdf")
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


def typed_moment(text: str, flag: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{flag}: {text!r} is not a date and time; use e.g. 2026-11-25T09:30"
        ) from None
    # A time typed without a zone is local clock time, as on the pharmacy's wall clock.
    return moment if moment.tzinfo is not None else moment.astimezone()


def _dilution(args: argparse.Namespace) -> Dilution | None:
    """--diluted-at with --diluted-storage, both or neither: the storage is never assumed."""
    storage = args.diluted_storage
    if args.diluted_at is None:
        if storage is not None:
            raise UsageError("--diluted-storage: only with --diluted-at (when it was diluted)")
        return None
    if storage is None:
        raise UsageError(
            "--diluted-storage: required with --diluted-at: room or refrigerated (the diluted "
            "bag's own time limit depends on it)"
        )
    return Dilution(typed_moment(args.diluted_at, "--diluted-at"), storage)


def staged_output(args: argparse.Namespace, what: str) -> StagedFile:
    """The --out file, checked before anything is rendered: never the database, a backup or
    (without --force) an existing file. Written owner-only, published only when all passed."""
    from ino_desk import paths

    try:
        return StagedFile(
            Path(args.out),
            force=bool(getattr(args, "force", False)),
            databases=[paths.database_path(args.db)],
            what=what,
        )
    except OutputFileError as exc:
        raise UsageError(f"--out: {exc.message}") from None


def _write(
    doc: OrderSheet | BagLabel,
    data: bytes,
    staged: StagedFile,
    out: TextIO,
    before_publish: Callable[[], None] | None = None,
) -> int:
    """Write the PDF beside its target, run the last check, then make it appear."""
    try:
        with staged:
            staged.write(data)
            if before_publish is not None:
                before_publish()
            path = staged.publish()
    except OutputFileError as exc:
        raise UsageError(f"--out: {exc.message}") from None
    kind = "order sheet" if doc.document_id.startswith("OS") else "bag label"
    out.write(f"{kind} {doc.document_id} written to {path} (sha256 {doc.content_hash})\n")
    return EXIT_OK


def _refused(exc: DocumentRefusedError) -> int:
    sys.stderr.write(f"ino-desk: refused: {printable(exc.reason)}\n")
    return EXIT_FAILED


def _not_found(exc: NotOnRecordError) -> int:
    sys.stderr.write(f"ino-desk: {printable(exc.message)}\n")
    return EXIT_FAILED


def _user(args: argparse.Namespace) -> str:
    if args.user is None or not args.user.strip():
        raise UsageError("--user: required to issue a document from the database (who issues it)")
    return str(args.user.strip())


def _sign_in(store: Store, username: str) -> User:
    """The issuer signs in with their password; the service then checks they may print."""
    from ino_desk.cli.credentials import password
    from ino_desk.services.staff.sign_in import authenticate

    secret = password(f"password for {username}: ")
    return authenticate(store, username, secret)


def _issue_stored(
    args: argparse.Namespace,
    out: TextIO,
    prepare: Callable[[Store, datetime], PreparedDocument],
) -> int:
    """Sign in, check the right and the rules, render; the file appears only once the issue
    is recorded (a refusal at any step leaves no file behind).
    Imported here: `--demo` needs no database, sign-in or signing code (issue 17)."""
    from ino_desk.cli.credentials import open_store, refused
    from ino_desk.domain.staff.users import Permission, PermissionDeniedError
    from ino_desk.services.paperwork.cycle_documents import issue
    from ino_desk.services.paperwork.document_lookup import NotOnRecordError
    from ino_desk.services.staff.sign_in import SignInRefusedError

    username = _user(args)
    staged = staged_output(args, "the document")
    with open_store(args) as store:
        try:
            who = _sign_in(store, username)
            who.require(Permission.PRINT_DOCUMENTS)  # before any patient data is rendered
            prepared = prepare(store, datetime.now().astimezone())
        except NotOnRecordError as exc:
            return _not_found(exc)
        except DocumentRefusedError as exc:
            return _refused(exc)
        except (SignInRefusedError, PermissionDeniedError) as exc:
            return refused(exc)
        doc = prepared.document
        renderer = PdfRenderer()
        data = (
            renderer.order_sheet(doc, reprint=prepared.reprint)
            if isinstance(doc, OrderSheet)
            else renderer.bag_label(doc, reprint=prepared.reprint)
        )
        records: list[DocumentRecord] = []
        try:
            # Recorded in its own transaction, which checks the right again as stored now.
            _write(doc, data, staged, out, lambda: records.append(issue(store, prepared, who)))
        except PermissionDeniedError as exc:
            return refused(str(exc))
    what = "REPRINT" if records[0].reprint else "original"
    out.write(f"recorded as {what}, issued by {records[0].printed_by}\n")
    return EXIT_OK


def run_order_sheet(args: argparse.Namespace, out: TextIO) -> int:
    cycle = _whole(args.cycle, "--cycle", 1, MAX_CYCLE)
    rules: ClinicalRules = load_pack().rules
    if not _patient_source(args):

        def stored_sheet(store: Store, now: datetime) -> PreparedDocument:
            from ino_desk.services.paperwork.cycle_documents import prepare_order_sheet
            from ino_desk.services.paperwork.document_lookup import find_cycle

            found = find_cycle(store, args.mrn, cycle)
            return prepare_order_sheet(store, rules, found.id or 0, now, args.paper)

        return _issue_stored(args, out, stored_sheet)
    staged = staged_output(args, "the order sheet")
    settings = demo_settings()
    if args.paper is not None:
        settings = dataclasses.replace(settings, paper=args.paper)
    try:
        sheet = demo_order_sheet(rules, cycle, datetime.now().astimezone(), settings)
    except DocumentRefusedError as exc:
        return _refused(exc)
    return _write(sheet, PdfRenderer().order_sheet(sheet), staged, out)


def run_bag_label(args: argparse.Namespace, out: TextIO) -> int:
    cycle = _whole(args.cycle, "--cycle", 1, MAX_CYCLE)
    rules: ClinicalRules = load_pack().rules
    days = rules.dose_days.value
    day = _whole(args.day, "--day", 1, days[-1])
    if day not in days:
        raise UsageError(f"--day: doses are given on days {', '.join(map(str, days))}")
    now = datetime.now().astimezone()
    dilution = _dilution(args)
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

        return _issue_stored(args, out, stored_label)
    reconstituted = _reconstituted_at(args.reconstituted_at, now)
    staged = staged_output(args, "the bag label")
    settings = demo_settings()
    if args.stock is not None:
        settings = dataclasses.replace(settings, label_stock=args.stock)
    try:
        label = demo_bag_label(rules, cycle, day, reconstituted, now, settings, dilution)
    except DocumentRefusedError as exc:
        return _refused(exc)
    return _write(label, PdfRenderer().bag_label(label), staged, out)
