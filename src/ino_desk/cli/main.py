"""Build the `ino-desk` argument parser and run one sub-command."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ino_desk import __version__
from ino_desk.cli import audit, db, demo, documents, dose, label, sign, users, waste
from ino_desk.cli.parser import StrictParser

if TYPE_CHECKING:
    import argparse

# Each sub-command module offers `register(subparsers)` and sets `func(args, out) -> int`.
COMMAND_MODULES = (dose, label, documents, db, audit, demo, waste, users, sign)


def build_parser() -> argparse.ArgumentParser:
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
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def run_command(args: argparse.Namespace, out: TextIO) -> int:
    code: int = args.func(args, out)
    return code


def version_text() -> str:
    return f"ino-desk {__version__}"
