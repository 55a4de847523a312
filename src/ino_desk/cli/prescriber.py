"""`ino-desk cycle prescriber`: name who ordered a cycle planned without it (before r0017),
or correct it; an order is verified only once its prescriber is on the record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.clinical import MAX_CYCLE, add_write_flags, whole_arg, writing
from ino_desk.cli.parser import EXIT_OK
from ino_desk.services.paperwork.document_lookup import find_cycle
from ino_desk.services.planning.cycles import record_prescriber

if TYPE_CHECKING:
    import argparse

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

FLAGS = {"prescriber": "--prescriber", "prescriber ID": "--prescriber-id", "reason": "--reason"}


def register_prescriber(cycle_actions: Any) -> None:
    parser = cycle_actions.add_parser("prescriber", help="record who ordered a planned cycle")
    add_write_flags(parser)
    parser.add_argument("--cycle", required=True, type=whole_arg("--cycle", 1, MAX_CYCLE))
    parser.add_argument("--prescriber", required=True, metavar="NAME")
    parser.add_argument("--prescriber-id", default="", metavar="ID", help="NPI or licence number")
    parser.add_argument("--reason", default="", metavar="TEXT", help="for a correction")
    parser.set_defaults(func=writing(_prescriber, FLAGS))


def _prescriber(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    cycle = find_cycle(store, args.mrn, args.cycle)
    saved = record_prescriber(
        store, cycle.id or 0, args.prescriber, args.prescriber_id, who, args.reason
    )
    ident = f" ({saved.prescriber_id})" if saved.prescriber_id else ""
    out.write(
        f"patient {args.mrn.strip()}: cycle {saved.number} prescribed by "
        f"{saved.prescriber_name}{ident}\n"
    )
    return EXIT_OK
