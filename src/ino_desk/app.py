"""Composition root: parse the command line, then start the GUI or run one command."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from ino_desk.cli.parser import EXIT_INTERNAL, EXIT_USAGE, UsageError
from ino_desk.label.pack import LabelPackError
from ino_desk.services.ports import StoreError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ino_desk.services.ports import DatabaseAdmin

EXIT_LABEL_PACK = 3  # the label pack is missing, malformed or altered: nothing may run
EXIT_DATABASE = 4  # the database cannot be used (locked, unreadable, damaged, newer, disk full)

log = logging.getLogger("ino_desk")
CRASH_LOG = "crash.log"


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"ino-desk: {message}\n")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    from ino_desk.cli.main import build_parser, run_command, version_text

    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        if args.version:
            sys.stdout.write(version_text() + "\n")
            return 0
        if args.command is None:
            return _start_gui(args.db)
        args.database_admin = lambda: _database_admin(args.db)
        return run_command(args, sys.stdout)
    except UsageError as exc:
        return _fail(f"error: {exc}", EXIT_USAGE)
    except argparse.ArgumentError as exc:
        # With exit_on_error=False argparse raises this (e.g. a flag without its value)
        # instead of calling parser.error(); it is bad input all the same.
        return _fail(f"error: {exc}", EXIT_USAGE)
    except LabelPackError as exc:
        return _fail(f"cannot start: {exc}", EXIT_LABEL_PACK)
    except StoreError as exc:
        return _fail(exc.message, EXIT_DATABASE)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        # The reader (e.g. `| head`) closed the pipe: not an error of ours. Point stdout at
        # devnull so the interpreter's final flush does not raise again.
        _silence_stdout()
        return 0
    except Exception:  # last line of defence: never show a traceback to a user
        where = _write_crash_log()
        return _fail(f"internal error; please report it with the log file {where}", EXIT_INTERNAL)


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests): nothing to do
        pass


def _write_crash_log() -> str:
    """Append the current exception's traceback to the user's log folder; return its path."""
    import traceback
    from datetime import UTC, datetime

    import platformdirs

    from ino_desk import __version__

    try:
        folder = platformdirs.user_log_path("ino-desk", appauthor=False)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / CRASH_LOG
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now(UTC).isoformat()} ino-desk {__version__}\n")
            log.write(traceback.format_exc() + "\n")
    except OSError:
        return "(none: the log folder is not writable)"
    return str(path)


def _database_admin(db: str | None) -> DatabaseAdmin:
    from ino_desk import paths
    from ino_desk.persistence.admin import SqlDatabaseAdmin

    path = paths.database_path(db)
    return SqlDatabaseAdmin(path, paths.backups_dir_for(path))


def _start_gui(db: str | None) -> int:
    from ino_desk import paths
    from ino_desk.label.pack import load_pack
    from ino_desk.label.sections import load_label_document
    from ino_desk.persistence.admin import SqlDatabaseAdmin
    from ino_desk.persistence.database import open_database
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.ui.application import run_gui

    pack = load_pack()
    path = paths.database_path(db)
    # Refuse a bad file before any window opens; migrate (after a backup) and take the
    # rolling start-up backup.
    database = open_database(path, backups_dir=paths.backups_dir_for(path), rolling_backup=True)
    if database.backup_warning:
        log.warning(database.backup_warning)
    admin = SqlDatabaseAdmin(path, paths.backups_dir_for(path))
    try:
        return run_gui(
            pack.rules,
            SqlStore(database),
            str(database.path),
            lambda: load_label_document(pack),
            # Offered by the GUI only while the database holds no patient.
            lambda count: admin.fill_demo(pack.rules, count, 1),
        )
    finally:
        database.close()
