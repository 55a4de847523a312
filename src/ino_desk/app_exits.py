"""How a run of ino-desk ends when it cannot do its job: the exit codes of the composition
root (the command line's own are in `cli/parser.py`) and the one line it leaves on stderr.
Shared by the command-line run (`app.py`) and the desktop's start (`app_desktop.py`)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ino_desk.cli.parser import printable

if TYPE_CHECKING:
    from pathlib import Path

EXIT_LABEL_PACK = 3  # the label pack is missing, malformed or altered: nothing may run
EXIT_DATABASE = 4  # the database cannot be used (locked, unreadable, damaged, newer, disk full)


def fail(message: str, code: int) -> int:
    if sys.stderr is not None:  # a windowed Windows/macOS build has no stderr
        sys.stderr.write(f"ino-desk: {printable(message)}\n")  # always one line
    return code


def internal_error(log_file: Path | None) -> str:
    where = (
        f"the log file {log_file}" if log_file else "this message (no log file could be written)"
    )
    return f"internal error; please report it with {where}"
