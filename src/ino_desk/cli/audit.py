"""`ino-desk audit verify`: is the audit trail whole, and does every row match it?"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.db import admin
from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, printable

if TYPE_CHECKING:
    import argparse


def register(commands: Any) -> None:
    audit = commands.add_parser("audit", help="the audit trail")
    actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", help="exit 0 when the hash chain is intact and every row matches it"
    )
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace, out: TextIO) -> int:
    report = admin(args).verify_audit()
    if report.note:
        out.write(f"{printable(report.note)}\n")
    if report.ok:
        out.write(
            f"audit trail intact: {report.events:,} events; {report.rows:,} rows match "
            "their last audited state\n"
        )
    else:
        out.write(f"audit trail BROKEN: {printable(report.problems[0])}\n")
        for extra in report.problems[1:]:
            out.write(f"  also: {printable(extra)}\n")
    if report.signing:
        out.write(f"{printable(report.signing)}\n")
    return EXIT_OK if report.ok else EXIT_FAILED
