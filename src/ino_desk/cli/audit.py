"""`ino-desk audit verify [--anchor SEQ:HASH]`: is the audit trail whole, does every row match
it, and does it still hold the anchors kept outside the file (the anchor log, paper)?"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.db import admin
from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, UsageError, printable
from ino_desk.domain.errors import InputError
from ino_desk.domain.printed.audit_anchors import parse_anchor

if TYPE_CHECKING:
    import argparse

    from ino_desk.services.ports.admin import AuditSummary


def register(commands: Any) -> None:
    audit = commands.add_parser("audit", help="the audit trail")
    actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="exit 0 when the hash chain is intact, every row matches it and every anchor "
        "of the anchor log is still in it",
    )
    verify.add_argument(
        "--anchor",
        metavar="SEQ:HASH",
        help="the audit trail head printed on an order sheet or bag label: exit 0 when the "
        "trail still holds it, 1 when not",
    )
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace, out: TextIO) -> int:
    given = None
    if args.anchor is not None:
        try:
            given = parse_anchor(args.anchor)
        except InputError as exc:
            raise UsageError(f"--anchor: {exc.message}") from None
    report = admin(args).verify_audit(given)
    if given is not None:
        return _paper_verdict(report, given.text, out)
    if report.note:
        out.write(f"{printable(report.note)}\n")
    problems = [*report.problems, *report.anchor_problems]
    if not problems:
        out.write(
            f"audit trail intact: {report.events:,} events; {report.rows:,} rows match "
            "their last audited state\n"
        )
        if report.anchor_log:
            out.write(
                f"anchors intact: the {report.anchors:,} anchors of "
                f"{printable(report.anchor_log)} are in the trail\n"
            )
    else:
        out.write(f"audit trail BROKEN: {printable(problems[0])}\n")
        for extra in problems[1:]:
            out.write(f"  also: {printable(extra)}\n")
    if report.signing:  # after the verdict, so its first line stays the one tools read
        out.write(f"{printable(report.signing)}\n")
    return EXIT_FAILED if problems else EXIT_OK


def _paper_verdict(report: AuditSummary, anchor: str, out: TextIO) -> int:
    """One line: the anchor holds (and the trail is intact), or why not."""
    if report.given_anchor is not None:
        out.write(f"anchor does NOT match: {printable(report.given_anchor)}\n")
        return EXIT_FAILED
    if report.problems:
        out.write(
            f"anchor {anchor} is in the trail, but the audit trail is BROKEN: "
            f"{printable(report.problems[0])}\n"
        )
        return EXIT_FAILED
    out.write(f"anchor {anchor} matches audit event #{anchor.split(':')[0]}; trail intact\n")
    return EXIT_OK
