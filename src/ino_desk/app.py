"""Composition root: parse the command line, then start the GUI or run one command."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from ino_desk.cli.parser import EXIT_INTERNAL, EXIT_USAGE, UsageError
from ino_desk.label.pack import LabelPackError

if TYPE_CHECKING:
    from collections.abc import Sequence

EXIT_LABEL_PACK = 3  # the label pack is missing, malformed or altered: nothing may run

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


def _start_gui(db: str | None) -> int:
    from ino_desk.label.pack import load_pack
    from ino_desk.label.sections import load_label_document
    from ino_desk.ui.application import run_gui

    pack = load_pack()
    return run_gui(pack.rules, db, load_label_document(pack))
