"""Composition root: parse the command line, then start the GUI or run one command."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ino_desk.cli.parser import EXIT_INTERNAL, EXIT_USAGE, UsageError
from ino_desk.label.pack import LabelPackError

if TYPE_CHECKING:
    from collections.abc import Sequence

EXIT_LABEL_PACK = 3  # the label pack is missing, malformed or altered: nothing may run
EXIT_DATABASE = 4  # the database file cannot be opened; it was left untouched

log = logging.getLogger("ino_desk")


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
        return run_command(args, sys.stdout)
    except UsageError as exc:
        return _fail(f"error: {exc}", EXIT_USAGE)
    except LabelPackError as exc:
        return _fail(f"cannot start: {exc}", EXIT_LABEL_PACK)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception:  # last line of defence: never show a traceback to a user
        log.exception("unexpected error")
        return _fail("internal error; please report it with the log file", EXIT_INTERNAL)


def _gui_database_path(db: str | None) -> Path:
    """`--db`, else `INO_DESK_DB`, else the platform's user-data folder."""
    import os

    from platformdirs import user_data_path

    chosen = db or os.environ.get("INO_DESK_DB")
    if chosen:
        return Path(chosen)
    return user_data_path("ino-desk", appauthor=False) / "ino-desk.sqlite3"


def _start_gui(db: str | None) -> int:
    from ino_desk.label.pack import load_pack
    from ino_desk.label.sections import load_label_document
    from ino_desk.persistence.database import open_database
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.ports import StoreError
    from ino_desk.ui.application import run_gui

    pack = load_pack()
    path = _gui_database_path(db)
    try:
        database = open_database(path, backups_dir=path.parent / "backups", rolling_backup=True)
    except StoreError as exc:
        return _fail(f"cannot open the database: {exc.message}", EXIT_DATABASE)
    try:
        return run_gui(
            pack.rules,
            SqlStore(database),
            str(database.path),
            lambda: load_label_document(pack),
        )
    finally:
        database.close()
