"""`--after-downtime --paper-time 'YYYY-MM-DD HH:MM'`: a paper record entered afterwards.

Both flags together or neither: the first says the record was written on paper while the
database could not be reached, the second is the time on the paper (local time). The entry
keeps its own time too; both show in the audit and on the documents (issue 18).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ino_desk.cli.parser import UsageError
from ino_desk.domain.errors import InputError
from ino_desk.domain.printed.paper_records import parse_paper_time

if TYPE_CHECKING:
    import argparse

    from ino_desk.domain.printed.paper_records import PaperRecord


def add_paper_flags(parser: Any) -> None:
    parser.add_argument(
        "--after-downtime",
        action="store_true",
        help="this was recorded on paper during a downtime and is entered now",
    )
    parser.add_argument(
        "--paper-time",
        metavar="'YYYY-MM-DD HH:MM'",
        help="with --after-downtime: the time written on the paper record (local time)",
    )


def paper_from(args: argparse.Namespace) -> PaperRecord | None:
    """The paper record the flags describe, or None; UsageError naming the flag otherwise."""
    if not args.after_downtime:
        if args.paper_time is not None:
            raise UsageError("--paper-time: only with --after-downtime")
        return None
    if args.paper_time is None:
        raise UsageError("--after-downtime: give the time on the paper with --paper-time")
    try:
        return parse_paper_time(args.paper_time, datetime.now(UTC))
    except InputError as exc:
        raise UsageError(f"--paper-time: {exc.message}") from None
