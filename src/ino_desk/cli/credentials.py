"""Credentials for command-line writes: `--user NAME` and a password never given as a flag.

In a terminal the password is always asked with getpass (not echoed). Only when standard
input is not a terminal (scripts, tests) is it read from the environment variable named, so
a password never appears in the command line, shell history or process list.
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import TYPE_CHECKING, Any

from ino_desk.cli.context import context_of
from ino_desk.cli.parser import EXIT_FAILED, UsageError, printable
from ino_desk.services.staff.sign_in import PasswordChangeRequiredError

if TYPE_CHECKING:
    import argparse
    from contextlib import AbstractContextManager

    from ino_desk.services.ports.store import Store

PASSWORD_ENV = "INO_DESK_PASSWORD"
NEW_PASSWORD_ENV = "INO_DESK_NEW_PASSWORD"
CHANGE_PASSWORD = "ino-desk users change-password --user {user}"


def add_user_flag(parser: Any) -> None:
    parser.add_argument(
        "--user",
        required=True,
        metavar="NAME",
        help=f"who does this; the password is asked (or read from {PASSWORD_ENV} when "
        "standard input is not a terminal)",
    )


def secret(prompt: str, env: str, field: str) -> str:
    """A password or passphrase: asked in a terminal, else read from the variable `env`."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    value = os.environ.get(env)
    if not value:
        raise UsageError(f"{field}: run in a terminal to be asked, or set {env}")
    return value


def confirmed(first: str, field: str) -> str:
    """A new secret is typed twice in a terminal (a typing slip would lock the user out)."""
    if sys.stdin is not None and sys.stdin.isatty() and getpass.getpass("again: ") != first:
        raise UsageError(f"{field}: the two entries differ")
    return first


def password(prompt: str, env: str = PASSWORD_ENV) -> str:
    return secret(prompt, env, "password")


def new_password(prompt: str) -> str:
    """A new password, typed twice in a terminal."""
    return confirmed(password(prompt, NEW_PASSWORD_ENV), "password")


def refused(message: str | Exception) -> int:
    """A refusal (wrong password, no permission): one line on stderr, exit 1. A password too
    old for the site's aging policy names the command that changes it."""
    text = str(message)
    if isinstance(message, PasswordChangeRequiredError):
        text += f" Change it with: {CHANGE_PASSWORD.format(user=message.username)}"
    sys.stderr.write(f"refused: {printable(text)}\n")
    return EXIT_FAILED


def add_export_user_flag(parser: Any) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="who takes these records out; required once the database has users (the "
        f"password is asked, or read from {PASSWORD_ENV} when standard input is not a terminal)",
    )


def open_store(args: argparse.Namespace, *, create: bool = False) -> AbstractContextManager[Store]:
    """The store the composition root chose (--db, INO_DESK_DB or the data folder).

    Only creating the first administrator may make a new database file; every other command
    refuses a missing one (exit 4) rather than writing into an empty database by mistake.
    """
    return context_of(args).open_store(create)
