"""`ino-desk db check|backup|restore`: look after the database file from a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK

if TYPE_CHECKING:
    import argparse

    from ino_desk.services.ports import DatabaseAdmin


def admin(args: argparse.Namespace) -> DatabaseAdmin:
    """The database the composition root chose (--db, INO_DESK_DB or the data folder)."""
    factory = getattr(args, "database_admin", None)
    if factory is None:  # pragma: no cover - app.main always provides it
        raise RuntimeError("no database configured for this command")
    found: DatabaseAdmin = factory()
    return found


def register(commands: Any) -> None:
    db = commands.add_parser("db", help="check, back up or restore the database")
    actions = db.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="integrity, foreign keys, schema version, audit")
    check.set_defaults(func=run_check)
    backup = actions.add_parser("backup", help="write a consistent copy to PATH")
    backup.add_argument("path", metavar="PATH")
    backup.set_defaults(func=run_backup)
    restore = actions.add_parser("restore", help="replace the database by a checked backup")
    restore.add_argument("path", metavar="PATH")
    restore.set_defaults(func=run_restore)


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    report = admin(args).check()
    out.write(f"database: {report.location}\n")
    for check in report.checks:
        out.write(f"{check.name}: {'ok' if check.ok else 'FAILED'} - {check.detail}\n")
    for extra in report.problems[1:]:
        out.write(f"  also: {extra}\n")
    return EXIT_OK if report.ok else EXIT_FAILED


def run_backup(args: argparse.Namespace, out: TextIO) -> int:
    dest = admin(args).backup(Path(args.path))
    out.write(f"backup written to {dest} ({dest.stat().st_size:,} bytes)\n")
    return EXIT_OK


def run_restore(args: argparse.Namespace, out: TextIO) -> int:
    target = admin(args)
    aside = target.restore(Path(args.path))
    out.write(f"restored {target.location} from {Path(args.path).absolute()}\n")
    if aside is not None:
        out.write(f"the previous database was kept as {aside}\n")
    return EXIT_OK
