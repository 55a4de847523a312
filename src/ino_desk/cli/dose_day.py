"""`ino-desk dose-day give|hold|release|omit|reduce|move|void`: what became of one dose.

The same use cases as the dose-day screen's buttons: confirm_dose_given (after the pre-dose
gates; a blocking gate needs --override), require_reason + record_dose_status (hold, omit,
reduce), move_dose_date (inside the dose's window).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.clinical import (
    MAX_CYCLE,
    add_write_flags,
    date_arg,
    decimal_arg,
    whole_arg,
    writing,
)
from ino_desk.cli.paper_flags import add_paper_flags, paper_from
from ino_desk.cli.parser import EXIT_OK, UsageError
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.printed.paper_records import paper_note
from ino_desk.domain.quantities import format_quantity
from ino_desk.label.pack import load_pack
from ino_desk.services.charts.corrections import mark_dose_status_in_error
from ino_desk.services.paperwork.document_lookup import find_dose
from ino_desk.services.planning.dose_day import require_reason
from ino_desk.services.planning.doses import confirm_dose_given, move_dose_date, record_dose_status

if TYPE_CHECKING:
    import argparse

    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

MAX_DAY = 99  # a typing guard; which days a cycle has is the stored plan's
FLAGS = {
    "reason": "--reason",
    "reduced dose": "--mg",
    "status": "ACTION",
    "paper time": "--paper-time",
}
MOVE_FLAGS = FLAGS | {f"Day {day} date": "--to" for day in range(1, MAX_DAY + 1)}
STATUSES = {
    "hold": DoseStatus.HELD,
    "release": DoseStatus.PLANNED,
    "omit": DoseStatus.OMITTED,
    "reduce": DoseStatus.REDUCED,
}


def register(commands: Any) -> None:
    dose_day = commands.add_parser(
        "dose-day", help="give, hold, release, omit, reduce or move one dose"
    )
    actions = dose_day.add_subparsers(dest="dose_day_action", required=True, metavar="ACTION")
    give = actions.add_parser("give", help="confirm the dose given, after its pre-dose gates")
    give.add_argument(
        "--override", default="", metavar="REASON", help="go past blocking gates (pharmacist)"
    )
    give.set_defaults(func=writing(_give, FLAGS))
    for action, status in STATUSES.items():
        said = "released from its hold" if status is DoseStatus.PLANNED else status.value
        parser = actions.add_parser(action, help=f"record the dose {said}, with a reason")
        parser.add_argument("--reason", default="", metavar="TEXT")
        if status is DoseStatus.PLANNED:
            parser.add_argument(
                "--released-on",
                type=date_arg("--released-on"),
                metavar="YYYY-MM-DD",
                help="the day the hold ended (default today): its length decides what the "
                "label asks next (PI 2.3)",
            )
        if status is DoseStatus.REDUCED:
            parser.add_argument(
                "--mg", required=True, type=decimal_arg("--mg"), metavar="X", help="new dose"
            )
        parser.set_defaults(func=writing(_mark, FLAGS), status=status)
    for parser in (give, *(actions.choices[a] for a in STATUSES)):
        add_paper_flags(parser)
    move = actions.add_parser("move", help="move the dose to another date inside its window")
    move.add_argument("--to", required=True, type=date_arg("--to"), metavar="YYYY-MM-DD")
    move.add_argument("--reason", default="", metavar="TEXT")
    move.set_defaults(func=writing(_move, MOVE_FLAGS))
    void = actions.add_parser(
        "void",
        help="mark the dose's given, omitted or reduced status entered in error, with a reason",
    )
    void.add_argument("--reason", required=True, metavar="TEXT", help="why it is wrong")
    void.set_defaults(func=writing(_void, FLAGS))
    for parser in (give, *(actions.choices[a] for a in STATUSES), move, void):
        add_write_flags(parser)
        parser.add_argument("--cycle", required=True, type=whole_arg("--cycle", 1, MAX_CYCLE))
        parser.add_argument("--day", required=True, type=whole_arg("--day", 1, MAX_DAY))
        parser.add_argument(
            "--on",
            type=date_arg("--on"),
            metavar="YYYY-MM-DD",
            help="give: the day it is given (default today; only its own day is allowed); "
            "hold, omit, reduce, move: the dose's date as on the order, a cross-check",
        )


def _dose(store: Store, args: argparse.Namespace) -> DoseDay:
    dose = find_dose(store, args.mrn, args.cycle, args.day)
    if args.on is not None and args.on != dose.planned_date:
        raise UsageError(
            f"--on: cycle {args.cycle} Day {args.day} is planned on "
            f"{dose.planned_date.isoformat()}, not {args.on.isoformat()}; to change its date, "
            "use dose-day move --to"
        )
    assert dose.id is not None
    return dose


def _said(args: argparse.Namespace, dose: DoseDay, out: TextIO) -> int:
    amount = format_quantity(dose.dose_mg, "mg")
    out.write(
        f"patient {args.mrn.strip()}: cycle {args.cycle} Day {dose.day} "
        f"({dose.planned_date.isoformat()}, {amount}) {dose.status.value}"
        + (f" by {dose.decided_by}" if dose.decided_by else "")
        + (f" ({paper_note(dose.paper_time)})" if dose.paper_time else "")
        + "\n"
    )
    return EXIT_OK


def _give(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    # `--on` is the day it is given (today by default): the authority refuses another day.
    dose = find_dose(store, args.mrn, args.cycle, args.day)
    assert dose.id is not None
    paper = paper_from(args)
    # Given during a downtime, it was given on the paper's day.
    default_day = date.today() if paper is None else paper.day
    on = default_day if args.on is None else args.on
    saved = confirm_dose_given(
        store, load_pack().rules, dose.id, who, args.override, on=on, paper=paper
    )
    return _said(args, saved, out)


def _mark(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    status: DoseStatus = args.status
    reason = require_reason(status, args.reason)
    dose = _dose(store, args)
    assert dose.id is not None
    mg = args.mg if status is DoseStatus.REDUCED else None
    released_on = args.released_on if status is DoseStatus.PLANNED else None
    saved = record_dose_status(
        store,
        load_pack().rules,
        dose.id,
        status,
        who,
        reason,
        mg,
        released_on=released_on,
        paper=paper_from(args),
    )
    return _said(args, saved, out)


def _void(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    dose = _dose(store, args)
    saved = mark_dose_status_in_error(store, load_pack().rules, dose.id or 0, args.reason, who)
    out.write(
        f"patient {args.mrn.strip()}: cycle {args.cycle} Day {saved.day}: "
        f"{dose.status.value} marked entered in error; the dose is {saved.status.value}\n"
    )
    return EXIT_OK


def _move(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    dose = _dose(store, args)
    assert dose.id is not None
    saved = move_dose_date(store, load_pack().rules, dose.id, args.to, who, args.reason)
    out.write(
        f"patient {args.mrn.strip()}: cycle {args.cycle} Day {saved.day} moved to "
        f"{saved.planned_date.isoformat()}\n"
    )
    return EXIT_OK
