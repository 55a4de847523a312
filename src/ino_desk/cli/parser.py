"""An argparse parser whose errors are one line naming the argument, never a usage dump."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from collections.abc import Callable

EXIT_OK = 0
EXIT_FAILED = 1  # the job ran and its answer is "no" (e.g. nothing found, check failed)
EXIT_USAGE = 2  # bad input: one line on stderr, nothing on stdout
EXIT_INTERNAL = 70  # a bug: logged, one line on stderr


class UsageError(Exception):
    """Bad command-line input; the message names the argument and what is allowed."""


def _terminal_columns() -> int:
    """The width shutil.get_terminal_size gives: COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout at the terminal's width, read without importing shutil:
    argparse makes a formatter for every option it adds (to check its metavar), and its own
    imports shutil (with bz2, lzma and fnmatch), ~2 ms of every command (issue 17)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)  # argparse's own margin


class StrictParser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("exit_on_error", False)
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def choice_type(name: str, choices: dict[str, object]) -> object:
    """An argparse `type` that names the flag and the allowed words on a bad value."""

    def convert(text: str) -> object:
        key = text.strip().lower()
        if key not in choices:
            allowed = "|".join(choices)
            raise UsageError(f"{name}: {text!r} is not allowed; use one of {allowed}")
        return choices[key]

    return convert


def user_path(flag: str) -> Callable[[str], str]:
    """An argparse `type` for a file or folder argument: `~` and `~user` must name a home
    folder (a `~name` with no such user would otherwise fail deep inside, as an internal
    error); the text is kept as typed, each command resolves it where it writes."""

    def check(text: str) -> str:
        _expanded(flag, text)
        return text

    return check


def _expanded(flag: str, text: str) -> Path:
    try:
        return Path(text).expanduser()
    except RuntimeError:  # pathlib: no home folder for that user name
        user = text[1:].split("/", 1)[0]
        raise UsageError(
            f"{flag}: {printable(text)[:60]}: there is no user {printable(user)[:30]!r} whose "
            "home folder '~' could stand for; give the folder itself"
        ) from None


def printable(text: str) -> str:
    """`text` on one line: control characters, bidirectional controls and lone surrogates
    (undecodable command-line bytes) shown as escapes, so an echoed value cannot break the
    line or reorder what is shown."""
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def check_words(words: list[str]) -> None:
    """Refuse command-line words that are not text: bytes that are not UTF-8 (surrogate
    escapes) and NUL; naming the position, never echoing the bytes raw."""
    for number, word in enumerate(words, start=1):
        if "\x00" in word or any("\ud800" <= ch <= "\udfff" for ch in word):
            raise UsageError(
                f"argument {number} ({printable(word)[:60]}) is not valid text; use UTF-8"
            )


def check_database_argument(text: str) -> None:
    """--db names a database file (not a folder, not a name too long for the file system) or
    a PostgreSQL server database by URL (without a password)."""
    if "://" in text:  # a server database's URL: the composition root checks it
        return

    path = _expanded("--db", text)
    try:
        if path.is_dir():
            raise UsageError(f"--db: {printable(text)} is a folder; give the database file")
        if len(path.name.encode("utf-8", "surrogateescape")) > 255:
            raise UsageError("--db: the file name is too long (at most 255 bytes)")
        path.exists()
    except OSError as exc:
        raise UsageError(f"--db: {printable(text)}: {exc.strerror or exc}") from None
