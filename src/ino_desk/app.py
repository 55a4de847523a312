"""Composition root: parse the command line, then start the GUI or run one command."""

from __future__ import annotations

import argparse
import atexit
import functools
import gc
import logging
import os
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ino_desk import __version__
from ino_desk.app_database import check_server_url, database_admin, open_chosen_database
from ino_desk.app_desktop import reset_settings, start_gui
from ino_desk.app_exits import EXIT_DATABASE, EXIT_LABEL_PACK, fail, internal_error
from ino_desk.cli.context import CliContext, attach
from ino_desk.cli.parser import (
    EXIT_FAILED,
    EXIT_INTERNAL,
    EXIT_USAGE,
    UsageError,
    check_database_argument,
    check_words,
)
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.label.pack_error import LabelPackError
from ino_desk.logging_setup import configure_logging, redact
from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path

    from ino_desk.domain.staff.passwords import Passwords
    from ino_desk.services.ports.downtime import DowntimeStorage
    from ino_desk.services.ports.store import Store

log = logging.getLogger("ino_desk")


def _owner_only_files(run: Callable[[Sequence[str] | None], int]) -> Callable[..., int]:
    """Every file and folder made while ino-desk runs is its user's only (umask 077), also
    those made by libraries (Qt, SQLite); the writers set 0600/0700 themselves as well."""

    @functools.wraps(run)
    def wrapped(argv: Sequence[str] | None = None) -> int:
        previous = os.umask(0o077)
        try:
            return run(argv)
        finally:
            os.umask(previous)

    return wrapped


def _collector_paused_at_start_up(run: Callable[[Sequence[str] | None], int]) -> Callable[..., int]:
    """In a process of its own (no argv), the cyclic garbage collector waits while the start-up
    imports the command's modules: tens of thousands of objects that live until exit, which it
    would walk again and again to free nothing (~4 % of a quick command, issue 17). `main`
    resumes it once the start-up is over (`_start_up_over`); on any other way out, here."""

    @functools.wraps(run)
    def wrapped(argv: Sequence[str] | None = None) -> int:
        if argv is not None:
            return run(argv)
        gc.disable()
        try:
            return run(argv)
        finally:
            gc.enable()

    return wrapped


@_owner_only_files
@_collector_paused_at_start_up
def main(argv: Sequence[str] | None = None) -> int:
    started_at = time.monotonic()
    from ino_desk.cli.main import build_parser, run_command, version_text

    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words)
    log_file: Path | None = None
    try:
        check_words(words)
        args = parser.parse_args(words)
        if args.db is not None:
            check_database_argument(args.db)
            check_server_url(args.db)
        if args.version:
            sys.stdout.write(version_text() + "\n")
            return 0
        if args.reset_settings and args.command is not None:
            raise UsageError("--reset-settings runs alone; run the command again without it")
        log_file = configure_logging()
        # Only the kind of run is logged: arguments may name a patient.
        log.info("ino-desk %s started (%s)", __version__, args.command or "desktop")
        if argv is None:  # the process's own command line
            _start_up_over(command=args.command is not None)
        if args.reset_settings:
            return reset_settings()
        if args.command is None:
            return start_gui(args.db, log_file, started_at, password_verifier)
        db = args.db
        attach(
            args,
            CliContext(
                open_store=lambda create: _open_store(db, create=create),
                database_admin=lambda: database_admin(db, password_verifier().minimum),
                downtime=lambda: _downtime(db),
            ),
        )
        return run_command(args, sys.stdout)
    except UsageError as exc:
        return fail(f"error: {exc}", EXIT_USAGE)
    except argparse.ArgumentError as exc:
        # With exit_on_error=False argparse raises this (e.g. a flag without its value)
        # instead of calling parser.error(); it is bad input all the same.
        return fail(f"error: {exc}", EXIT_USAGE)
    except LabelPackError as exc:
        log.error("label pack refused: %s", exc)
        return fail(f"cannot start: {exc}", EXIT_LABEL_PACK)
    except StoreError as exc:
        log.error("database refused: %s", redact(exc.message))
        return fail(exc.message, EXIT_DATABASE)
    except InputError as exc:  # a value a service refused, not handled by its command
        return fail(f"error: {exc.field}: {exc.message}", EXIT_USAGE)
    except DomainError as exc:
        return _refused(exc)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:
        # The reader (e.g. `| head`) closed the pipe: not an error of ours. Point stdout at
        # devnull so the interpreter's final flush does not raise again.
        _silence_stdout()
        return 0
    except Exception:  # last line of defence: never show a traceback to a user
        if log_file is None:  # failed before logging was set up: set it up to keep the trace
            log_file = configure_logging()
        log.exception("unexpected error")
        return fail(internal_error(log_file), EXIT_INTERNAL)


def _start_up_over(*, command: bool) -> None:
    """The collector runs again, for the work itself. A command's process ends with the
    command: what the start-up made is set aside now (gc.freeze) and all of it at exit, by an
    exit handler. The interpreter's last collections walked every object of the run (the
    classes and functions of ~300 modules, the command's data) to free memory the system
    takes back anyway: 10-25 ms of a quick command, more than its own work. The rest of the
    exit happens as before, in its order: threads are joined, the other exit handlers run
    (the log is flushed and closed), modules are torn down. Not for the desktop: Qt's
    objects are destroyed at exit."""
    if command:
        gc.freeze()
        atexit.register(gc.freeze)
    gc.enable()


def _refused(exc: DomainError) -> int:
    """A rule refused the command: exit 1, one line (a clinical rule's code and PI section)."""
    from ino_desk.cli.refusals import refusal_line, refusing_findings

    findings = refusing_findings(exc)
    line = refusal_line(findings) if findings else f"refused: {' '.join(str(exc).split())}"
    log.info("command refused by a rule: %s", ", ".join(f.code for f in findings or ()))
    return fail(line, EXIT_FAILED)


def password_verifier() -> Passwords:
    """The one password verifier of a run: argon2id at the product's cost, reading stored
    hashes only at OWASP's minimum or above. Built from constants in code; no option, site
    setting, database value or environment variable lowers it."""
    from ino_desk.domain.staff.passwords import product_passwords

    return product_passwords()


def _downtime(db: str | None) -> DowntimeStorage:
    from ino_desk.app_downtime import SqlDowntime

    return SqlDowntime(db, password_verifier())


@contextmanager
def _open_store(db: str | None, *, create: bool = False) -> Iterator[Store]:
    """An existing database for one command (migrated after a backup); `create` makes a new one."""
    from ino_desk.persistence.unit_of_work import SqlStore

    database = open_chosen_database(db, create=create)
    try:
        yield SqlStore(database, passwords=password_verifier())
    finally:
        database.close()


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests): nothing to do
        pass
