"""`ino-desk demo [--patients N]`: fill an empty database with clearly fictional patients."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.db import admin
from ino_desk.cli.parser import EXIT_OK, UsageError
from ino_desk.services.store_errors import ConflictError

if TYPE_CHECKING:
    import argparse

MAX_DEMO_PATIENTS = 1_000_000


def _count(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise UsageError(f"--patients: {text!r} is not a whole number") from None
    if not 1 <= value <= MAX_DEMO_PATIENTS:
        raise UsageError(f"--patients: allowed 1 to {MAX_DEMO_PATIENTS:,}")
    return value


def _seed(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise UsageError(f"--seed: {text!r} is not a whole number") from None


def register(commands: Any) -> None:
    p = commands.add_parser("demo", help="fill an empty database with fictional demo patients")
    p.add_argument("--patients", type=_count, default=100, metavar="N")
    p.add_argument("--seed", type=_seed, default=1, metavar="S")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from ino_desk.label.pack import load_pack

    rules = load_pack().rules
    target = admin(args)
    started = time.perf_counter()
    try:
        added = target.fill_demo(rules, args.patients, args.seed)
    except ConflictError as exc:
        raise UsageError(exc.message) from None
    seconds = time.perf_counter() - started
    out.write(
        f"added {added:,} fictional demo patients (MRN DEMO...) to {target.location} "
        f"in {seconds:.1f} s\n"
    )
    return EXIT_OK
