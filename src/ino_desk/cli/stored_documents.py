"""`order-sheet` and `bag-label` from the database: the issuer signs in, the service checks
the right and the rules, and the file appears only once the issue is recorded.

The database, sign-in and signing code is imported inside `issue_stored`: `--demo` needs
none of it (issue 17)."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from ino_desk.cli.document_output import refused_document, staged_output, write_document
from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, UsageError, printable
from ino_desk.domain.printed.documents import DocumentRefusedError, OrderSheet
from ino_desk.pdf.render import PdfRenderer

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from ino_desk.domain.records import DocumentRecord
    from ino_desk.domain.staff.users import User
    from ino_desk.services.paperwork.cycle_documents import PreparedDocument
    from ino_desk.services.paperwork.document_lookup import NotOnRecordError
    from ino_desk.services.ports.store import Store


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


def issue_stored(
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
            return refused_document(exc)
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
            write_document(
                doc, data, staged, out, lambda: records.append(issue(store, prepared, who))
            )
        except PermissionDeniedError as exc:
            return refused(str(exc))
    what = "REPRINT" if records[0].reprint else "original"
    out.write(f"recorded as {what}, issued by {records[0].printed_by}\n")
    return EXIT_OK
