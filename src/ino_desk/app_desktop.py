"""Composition root's desktop part: start the window, open the database (or the downtime
snapshot), run the GUI, and show the crash dialog when starting fails (`app.main` calls
`start_gui` when no command is given).

`passwords` is the run's one password verifier (`app.password_verifier`), passed in so this
module does not import `app` back."""

from __future__ import annotations

import logging
import sys
import traceback
from typing import TYPE_CHECKING

from ino_desk.app_database import database_admin
from ino_desk.app_exits import EXIT_DATABASE, EXIT_LABEL_PACK, fail, internal_error
from ino_desk.cli.parser import EXIT_FAILED, EXIT_INTERNAL
from ino_desk.label.pack_error import LabelPackError
from ino_desk.logging_setup import redact
from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from types import TracebackType

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.passwords import Passwords
    from ino_desk.label.document import LabelDocument
    from ino_desk.services.ports.store import Store

NO_DISPLAY = (
    "cannot start the desktop application: no display (DISPLAY and WAYLAND_DISPLAY are not "
    "set); run it on the desktop, or use a command (ino-desk --help)"
)

log = logging.getLogger("ino_desk")


def _run_desktop(
    rules: ClinicalRules,
    db: str | None,
    load_label: Callable[[], LabelDocument],
    passwords: Callable[[], Passwords],
) -> int:
    """Open the database (refusing a bad file before any patient data can show; migrating
    only after a backup), then run the window; the daily backup follows once it is up."""
    from ino_desk import paths
    from ino_desk.app_downtime import desktop_refresher
    from ino_desk.app_outage import database_or_snapshot, desktop_store
    from ino_desk.pdf.render import pdf_renderer
    from ino_desk.ui.shell.application import run_gui
    from ino_desk.ui.shell.welcome_dialog import DataLocations

    # A file is migrated only after a backup; a server database's backups are the server's
    # job. An outage: this workstation's snapshot, read-only, until the database answers.
    database = database_or_snapshot(rules, db, load_label, passwords())
    if isinstance(database, int):
        return database
    admin = database_admin(db, passwords().minimum)
    backups = (
        paths.backups_dir_for(database.path)
        if database.path is not None
        else "on the server (pg_dump, base backups)"
    )
    store = desktop_store(database, db, passwords())  # the snapshot when it is lost
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


def reset_settings() -> int:
    """`--reset-settings`: the desktop's saved settings back to their defaults, the old kept."""
    from ino_desk.ui.shell import startup

    try:
        result = startup.reset_settings()
    except OSError as exc:
        log.error("settings reset failed: %s", exc)
        return fail(f"settings not reset: {exc}", 1)
    log.info("settings reset: %d values cleared", result.cleared)
    if result.backup is None:
        sys.stdout.write(f"ino-desk: no saved settings to reset ({result.location})\n")
    else:
        sys.stdout.write(
            f"ino-desk: settings reset to defaults ({result.cleared} values cleared from "
            f"{result.location}); the old values are kept in {result.backup}\n"
        )
    return 0


def start_gui(
    db: str | None,
    log_file: Path | None,
    started_at: float,
    passwords: Callable[[], Passwords],
) -> int:
    """Run the desktop app; a failure to start shows the crash dialog instead of vanishing."""
    try:
        from ino_desk.ui.shell.start_window import show_start_window
        from ino_desk.ui.shell.startup import display_available, prepare_application

        if not display_available():
            log.error("no display for the desktop application")
            return fail(NO_DISPLAY, EXIT_FAILED)
        prepare_application(started_at)
        # Painted before the label pack, SQLAlchemy and the database: nothing on it to refuse.
        # Even their modules load after it (the pack's: its domain classes, TOML, SHA-256).
        show_start_window()
        from ino_desk.label.pack import load_pack
        from ino_desk.label.sections import load_label_document

        restore_hook = _install_error_hook(log_file)
        try:
            pack = load_pack()
            code = _run_desktop(pack.rules, db, lambda: load_label_document(pack), passwords)
        finally:
            restore_hook()
    except LabelPackError as exc:
        log.error("label pack refused: %s", exc)
        _show_start_problem("label-pack", log_file, redact(str(exc)))
        return fail(f"cannot start: {exc}", EXIT_LABEL_PACK)
    except StoreError as exc:
        log.error("database refused: %s", redact(exc.message))
        _show_start_problem("database", log_file, redact(exc.message))
        return fail(exc.message, EXIT_DATABASE)
    except Exception as exc:
        log.exception("the desktop application failed to start")
        _show_start_problem("start", log_file, _describe(type(exc), exc, exc.__traceback__))
        return fail(internal_error(log_file), EXIT_INTERNAL)
    log.info("desktop application closed (exit status %d)", code)
    return code


def _describe(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    return redact("".join(traceback.format_exception(kind, exc, tb)))


def _show_start_problem(which: str, log_file: Path | None, details: str) -> None:
    """Best effort: if Qt itself is what failed, stderr and the log file remain."""
    try:
        from ino_desk.ui.shell import crash_dialog
        from ino_desk.ui.shell.start_window import close_start_window
        from ino_desk.ui.shell.startup import display_available

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
            from ino_desk.ui.shell import crash_dialog

            crash_dialog.open_error_dialog(
                crash_dialog.UNEXPECTED_ERROR, log_file, _describe(kind, exc, tb)
            )
        except Exception:
            log.exception("the error dialog could not be shown")

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore
