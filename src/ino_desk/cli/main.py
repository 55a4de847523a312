"""Build the `ino-desk` argument parser and run one sub-command."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, TextIO

from ino_desk import __version__
from ino_desk.cli.parser import StrictParser

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

# Each sub-command module offers `register(subparsers)` and sets `func(args, out) -> int`.
# Modules are imported only for the command asked for: the desktop start and a quick
# `ino-desk dose` do not pay for PDF, signing or database code (listed in help order).
COMMAND_MODULES = {
    "dose": "dose",
    "label": "label",
    "order-sheet": "documents",
    "bag-label": "documents",
    "db": "db",
    "audit": "audit",
    "demo": "demo",
    "waste-report": "waste",
    "users": "users",
    "sign": "sign",
    "signatures": "sign",
    "patient": "patients",
    "measurement": "patients",
    "lab": "patients",
    "course": "course",
    "cycle": "course",
    "dose-day": "dose_day",
    "downtime": "downtime",
    "downtime-pack": "downtime",
    "site": "site",
    "vial": "corrections",
    "bench-time": "corrections",
    "checklist": "corrections",
    "interfaces": "interfaces",
    "export": "export",
}
_TAKES_VALUE = {"--db"}  # global options whose value is the next word


def requested_command(argv: Sequence[str]) -> str | None:
    """The first word that is not a global option or its value: the command, if any."""
    words = iter(argv)
    for word in words:
        if word in _TAKES_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _modules_for(argv: Sequence[str] | None) -> list[str] | None:
    """Only the asked-for command's module (with or without help); all of them for the help
    listing every command; None for an unknown command, whose refusal needs only the names."""
    if argv is None:
        return list(dict.fromkeys(COMMAND_MODULES.values()))
    command = requested_command(argv)
    if command in COMMAND_MODULES:
        return [COMMAND_MODULES[command]]
    if {"-h", "--help"} & set(argv):
        return list(dict.fromkeys(COMMAND_MODULES.values()))
    return [] if command is None else None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv` (None: every command, as for help)."""
    parser = StrictParser(
        prog="ino-desk",
        description="Inotuzumab ozogamicin (BESPONSA) pharmacist workstation. "
        "Without a command, the desktop application starts.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: INO_DESK_DB, else user data folder)"
    )
    parser.add_argument(
        "--reset-settings",
        action="store_true",
        help="forget saved window layout and preferences (a dated backup is kept), then exit; "
        "records in the database are not touched",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=StrictParser)
    modules = _modules_for(argv)
    if modules is None:  # "invalid choice: ... (choose from ...)": the names, in help order
        for command in COMMAND_MODULES:
            commands.add_parser(command)
        return parser
    for name in modules:
        importlib.import_module(f"ino_desk.cli.{name}").register(commands)
    return parser


def run_command(args: argparse.Namespace, out: TextIO) -> int:
    code: int = args.func(args, out)
    return code


def version_text() -> str:
    return f"ino-desk {__version__}"
