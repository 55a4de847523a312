"""`bench-time add`: a Reconstituted or Diluted time recorded from the command line, as the
Prepare screen's buttons do — now, or with `--at` the real time typed afterwards, which needs
`--reason` (issue 16). The service checks the time and the authority the dose."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.bench_flags import STORAGE_WORDS, typed_moment
from ino_desk.cli.clinical import MAX_CYCLE, add_write_flags, whole_arg, writing
from ino_desk.cli.dose_day import MAX_DAY
from ino_desk.cli.parser import EXIT_OK, UsageError, choice_type
from ino_desk.domain.bench.bench_clock import local_time_text
from ino_desk.domain.bench.bench_marks import BenchEvent
from ino_desk.label.pack import load_pack
from ino_desk.services.paperwork.document_lookup import find_dose
from ino_desk.services.preparing.bench import mark_time

if TYPE_CHECKING:
    import argparse

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

FLAGS = {
    "time": "--at",
    "reason for the time": "--reason",
    "storage": "--storage",
    "reason": "--reason",
}
EVENTS: dict[str, object] = {e.value: e for e in BenchEvent}


def register(bench_time_actions: Any) -> None:
    add = bench_time_actions.add_parser(
        "add", help="record a Reconstituted or Diluted time (now, or --at with --reason)"
    )
    add_write_flags(add)
    add.add_argument("--cycle", required=True, type=whole_arg("--cycle", 1, MAX_CYCLE))
    add.add_argument("--day", required=True, type=whole_arg("--day", 1, MAX_DAY))
    add.add_argument(
        "--event", required=True, type=choice_type("--event", EVENTS), help="reconstituted|diluted"
    )
    add.add_argument(
        "--storage",
        type=choice_type("--storage", STORAGE_WORDS),
        help="how the diluted bag is kept (room|refrigerated); dilutions only, never assumed",
    )
    add.add_argument(
        "--at", metavar="ISO", help="when it happened, if not now (local time unless an offset)"
    )
    add.add_argument("--reason", metavar="TEXT", help="why the time is not now (with --at)")
    add.set_defaults(func=writing(_add, FLAGS))


def _add(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    if args.at is None and args.reason is not None:
        raise UsageError("--reason: only with --at (a time that is not now)")
    if args.at is not None and args.reason is None:
        raise UsageError("--reason: required with --at: say why the time is not now")
    at = datetime.now().astimezone() if args.at is None else typed_moment(args.at, "--at")
    dose = find_dose(store, args.mrn, args.cycle, args.day)
    mark = mark_time(
        store,
        load_pack().rules,
        dose.id or 0,
        args.event,
        at,
        who,
        args.storage,
        late_reason=args.reason,
    )
    late = f" (entered later: {mark.time_reason})" if mark.entered_at is not None else ""
    out.write(
        f"patient {args.mrn.strip()}: cycle {args.cycle} Day {dose.day}: {mark.event.value} "
        f"at {local_time_text(mark.at)}{late} (number {mark.id})\n"
    )
    return EXIT_OK
