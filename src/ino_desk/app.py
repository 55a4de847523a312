"""Composition root: parse the command line, then start the GUI or run one command."""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import time
import traceback
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ino_desk import __version__
from ino_desk.app_database import check_server_url, database_admin, open_chosen_database
from ino_desk.cli.context import CliContext, attach
from ino_desk.cli.parser import (
    EXIT_FAILED,
    EXIT_INTERNAL,
    EXIT_USAGE,
    UsageError,
    check_database_argument,
    check_words,
    printable,
)
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.label.pack_error import LabelPackError
from ino_desk.logging_setup import configure_logging, redact
from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path
    from types import TracebackType

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.passwords import Passwords
    from ino_desk.label.document import LabelDocument
    from ino_desk.services.ports.downtime import DowntimeStorage
    from ino_desk.services.ports.store import Store

EXIT_LABEL_PACK = 3  # the label pack is missing, malformed or altered: nothing may run
EXIT_DATABASE = 4  # the database cannot be used (locked, unreadable, damaged, newer, disk full)

NO_DISPLAY = (
    "cannot start the desktop application: no display (DISPLAY and WAYLAND_DISPLAY are not "
    "set); run it on the desktop, or use a command (ino-desk --help)"
)

log = logging.getLogger("ino_desk")


def _fail(message: str, code: int) -> int:
    if sys.stderr is not None:  # a windowed Windows/macOS build has no stderr
        sys.stderr.write(f"ino-desk: {printable(message)}\n")  # always one line
    return code


def _internal_error(log_file: Path | None) -> str:
    where = (
        f"the log file {log_file}" if log_file else "this message (no log file could be written)"
    )
    return f"internal error; please report it with {where}"


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


@_owner_only_files
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
        if args.reset_settings:
            return _reset_settings()
        if args.command is None:
            return _start_gui(args.db, log_file, started_at)
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
        return _fail(f"error: {exc}", EXIT_USAGE)
    except argparse.ArgumentError as exc:
        # With exit_on_error=False argparse raises this (e.g. a flag without its value)
        # instead of calling parser.error(); it is bad input all the same.
        return _fail(f"error: {exc}", EXIT_USAGE)
    except LabelPackError as exc:
        log.error("label pack refused: %s", exc)
        return _fail(f"cannot start: {exc}", EXIT_LABEL_PACK)
    except StoreError as exc:
        log.error("database refused: %s", redact(exc.message))
        return _fail(exc.message, EXIT_DATABASE)
    except InputError as exc:  # a value a service refused, not handled by its command
        return _fail(f"error: {exc.field}: {exc.message}", EXIT_USAGE)
    except DomainError as exc:
        return _refused(exc)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        # The reader (e.g. `| head`) closed the pipe: not an error of ours. Point stdout at
        # devnull so the interpreter's final flush does not raise again.
        _silence_stdout()
        return 0
    except Exception:  # last line of defence: never show a traceback to a user
        if log_file is None:  # failed before logging was set up: set it up to keep the trace
            log_file = configure_logging()
        log.exception("unexpected error")
        return _fail(_internal_error(log_file), EXIT_INTERNAL)


def _refused(exc: DomainError) -> int:
    """A rule refused the command: exit 1, one line (a clinical rule's code and PI section)."""
    from ino_desk.cli.refusals import refusal_line, refusing_findings

    findings = refusing_findings(exc)
    line = refusal_line(findings) if findings else f"refused: {' '.join(str(exc).split())}"
    log.info("command refused by a rule: %s", ", ".join(f.code for f in findings or ()))
    return _fail(line, EXIT_FAILED)


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


def _run_desktop(
    rules: ClinicalRules, db: str | None, load_label: Callable[[], LabelDocument]
) -> int:
    """Open the database (refusing a bad file before any patient data can show; migrating
    only after a backup), then run the window; the daily backup follows once it is up."""
    from ino_desk import paths
    from ino_desk.app_downtime import desktop_refresher
    from ino_desk.app_outage import database_or_snapshot, desktop_store
    from ino_desk.pdf.render import pdf_renderer
    from ino_desk.ui.application import run_gui
    from ino_desk.ui.dialogs.welcome_dialog import DataLocations

    # A file is migrated only after a backup; a server database's backups are the server's
    # job. An outage: this workstation's snapshot, read-only, until the database answers.
    database = database_or_snapshot(rules, db, load_label, password_verifier())
    if isinstance(database, int):
        return database
    admin = database_admin(db, password_verifier().minimum)
    backups = (
        paths.backups_dir_for(database.path)
        if database.path is not None
        else "on the server (pg_dump, base backups)"
    )
    store = desktop_store(database, db, password_verifier())  # the snapshot when it is lost
    try:
        return run_gui(
            rules,
            store,
            database.location,
            load_label,
            # Offered by the GUI only while the database holds no patient.
            lambda count: admin.fill_demo(rules, count, 1),
            DataLocations(database.location, str(backups), str(paths.log_dir())),
            pdf_renderer(),  # ReportLab itself loads on the first print
            refresh_snapshot=desktop_refresher(database, db),
            after_shown=None if database.path is None else _daily_backup(database.path),
            outage=store,
        )
    finally:
        _anchor_at_close(store)
        database.close()


def _daily_backup(path: Path) -> Callable[[], None]:
    """A database file's daily backup, run on a worker thread once the window is up."""
    from ino_desk import paths
    from ino_desk.persistence.backups.daily_backup import backup_after_start

    return lambda: backup_after_start(path, paths.backups_dir_for(path))


def _anchor_at_close(store: Store) -> None:
    """The head when the app closes goes to the anchor log outside the file."""
    try:
        store.anchor("app closed")
    except Exception as exc:  # closing never fails on it; the next print or backup anchors
        log.warning("the audit anchor at close was not written: %s", type(exc).__name__)


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests): nothing to do
        pass


def _reset_settings() -> int:
    from ino_desk.ui.startup import reset_settings

    try:
        result = reset_settings()
    except OSError as exc:
        log.error("settings reset failed: %s", exc)
        return _fail(f"settings not reset: {exc}", 1)
    log.info("settings reset: %d values cleared", result.cleared)
    if result.backup is None:
        sys.stdout.write(f"ino-desk: no saved settings to reset ({result.location})\n")
    else:
        sys.stdout.write(
            f"ino-desk: settings reset to defaults ({result.cleared} values cleared from "
            f"{result.location}); the old values are kept in {result.backup}\n"
        )
    return 0


def _start_gui(db: str | None, log_file: Path | None, started_at: float) -> int:
    """Run the desktop app; a failure to start shows the crash dialog instead of vanishing."""
    try:
        from ino_desk.label.pack import load_pack
        from ino_desk.label.sections import load_label_document
        from ino_desk.ui.start_window import show_start_window
        from ino_desk.ui.startup import display_available, prepare_application

        if not display_available():
            log.error("no display for the desktop application")
            return _fail(NO_DISPLAY, EXIT_FAILED)
        prepare_application(started_at)
        # Painted before the label pack, SQLAlchemy and the database: nothing on it to refuse.
        show_start_window()
        restore_hook = _install_error_hook(log_file)
        try:
            pack = load_pack()
            code = _run_desktop(pack.rules, db, lambda: load_label_document(pack))
        finally:
            restore_hook()
    except LabelPackError as exc:
        log.error("label pack refused: %s", exc)
        _show_start_problem("label-pack", log_file, redact(str(exc)))
        return _fail(f"cannot start: {exc}", EXIT_LABEL_PACK)
    except StoreError as exc:
        log.error("database refused: %s", redact(exc.message))
        _show_start_problem("database", log_file, redact(exc.message))
        return _fail(exc.message, EXIT_DATABASE)
    except Exception as exc:
        log.exception("the desktop application failed to start")
        _show_start_problem("start", log_file, _describe(type(exc), exc, exc.__traceback__))
        return _fail(_internal_error(log_file), EXIT_INTERNAL)
    log.info("desktop application closed (exit status %d)", code)
    return code


def _describe(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    return redact("".join(traceback.format_exception(kind, exc, tb)))


def _show_start_problem(which: str, log_file: Path | None, details: str) -> None:
    """Best effort: if Qt itself is what failed, stderr and the log file remain."""
    try:
        from ino_desk.ui import crash_dialog
        from ino_desk.ui.start_window import close_start_window
        from ino_desk.ui.startup import display_available

        if not display_available():
            return
        close_start_window()
        message = {
            "label-pack": crash_dialog.LABEL_PACK_REFUSED,
            "database": crash_dialog.DATABASE_REFUSED,
        }.get(which, crash_dialog.START_FAILED)
        crash_dialog.show_crash_dialog(message, log_file, details)
    except Exception:
        log.exception("the crash dialog could not be shown")


def _install_error_hook(log_file: Path | None) -> Callable[[], None]:
    """Errors raised in Qt slots reach sys.excepthook: log them and tell the user."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        log.error("unexpected error in the desktop application", exc_info=(kind, exc, tb))
        try:
            from ino_desk.ui import crash_dialog

            crash_dialog.open_error_dialog(
                crash_dialog.UNEXPECTED_ERROR, log_file, _describe(kind, exc, tb)
            )
        except Exception:
            log.exception("the error dialog could not be shown")

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore
