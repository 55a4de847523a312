"""`ino-desk db check|backup|restore`: look after the database file from a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.context import context_of
from ino_desk.cli.credentials import (
    PASSWORD_ENV,
    add_export_user_flag,
    open_store,
    password,
    refused,
)
from ino_desk.cli.db_passphrase import backup_passphrase, register_passphrase
from ino_desk.cli.exports import signed_in_export
from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, UsageError, printable, user_path
from ino_desk.domain.errors import DomainError
from ino_desk.domain.staff.users import Permission
from ino_desk.safe_files import (
    SQLITE_HEADER,
    OutputFileError,
    check_output_path,
    holds_encrypted_backup,
)
from ino_desk.services.staff.sign_in import authenticate
from ino_desk.services.staff.users import needs_first_administrator
from ino_desk.services.store_errors import BackupRefusedError, StoreError, StoreUnavailableError

if TYPE_CHECKING:
    import argparse

    from ino_desk.services.ports.admin import DatabaseAdmin


def admin(args: argparse.Namespace) -> DatabaseAdmin:
    """The database the composition root chose (--db, INO_DESK_DB or the data folder)."""
    return context_of(args).database_admin()


def register(commands: Any) -> None:
    db = commands.add_parser("db", help="check, back up or restore the database")
    actions = db.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="integrity, foreign keys, schema version, audit")
    check.set_defaults(func=run_check)
    backup = actions.add_parser("backup", help="write a consistent copy to PATH")
    backup.add_argument("path", metavar="PATH", type=user_path("PATH"))
    add_export_user_flag(backup)
    backup.set_defaults(func=run_backup)
    restore = actions.add_parser("restore", help="replace the database by a checked backup")
    restore.add_argument("path", metavar="PATH", type=user_path("PATH"))
    restore.add_argument(
        "--user",
        metavar="NAME",
        help="an administrator of the database being replaced (required once it has users); "
        f"the password is asked, or read from {PASSWORD_ENV} when standard input is not a "
        "terminal",
    )
    restore.set_defaults(func=run_restore)
    init = actions.add_parser(
        "init-server",
        help="PostgreSQL: an owner role for migrations and an app role that never changes or "
        "removes an audit event (run as the server's administrator; again after an upgrade)",
    )
    init.add_argument("--owner", metavar="ROLE", default="ino_desk_owner")
    init.add_argument("--app", metavar="ROLE", default="ino_desk_app")
    init.set_defaults(func=run_init_server)
    register_passphrase(actions)


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    report = admin(args).check()
    out.write(f"database: {printable(report.location)}\n")
    for check in report.checks:
        verdict = "ok" if check.ok else "FAILED"
        out.write(f"{check.name}: {verdict} - {printable(check.detail)}\n")
    shown = {check.detail for check in report.checks}
    for extra in report.problems:
        if extra not in shown:
            out.write(f"  also: {printable(extra)}\n")
    return EXIT_OK if report.ok else EXIT_FAILED


def run_backup(args: argparse.Namespace, out: TextIO) -> int:
    target = admin(args)
    try:  # never over the database, another backup or any existing file
        check_output_path(
            Path(args.path),
            databases=[Path(target.location)],
            what="the backup",
            force_hint=" for the backup",
        )
    except OutputFileError as exc:
        raise UsageError(f"PATH: {exc.message}") from None
    with signed_in_export(args) as export:
        if export is None:
            return EXIT_FAILED
        dest = target.backup(Path(args.path))
        export.record(f"database backup ({dest.stat().st_size:,} bytes)")
    out.write(f"backup written to {dest} ({dest.stat().st_size:,} bytes)\n")
    if target.backup_kind:
        out.write(f"made by {target.backup_kind}\n")
    return EXIT_OK


def _holds_no_users(location: Path) -> bool:
    """True only when the file provably holds no users: missing, empty, or not a SQLite
    database at all (e.g. overwritten by something else). Unreadable is not proof."""
    try:
        with location.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return header != SQLITE_HEADER


def _administrator_of_current(args: argparse.Namespace, out: TextIO) -> int | None:
    """Replacing every record is an administrator's act once the database has users.

    Fail closed: a database that cannot be checked (busy, unreadable, damaged, newer) is not
    replaced, since it may hold users whose password nobody could check. Only a file that
    provably holds no users (missing, empty, not a database at all) is restored without one.
    """
    try:
        with open_store(args) as store:
            if needs_first_administrator(store):
                return None
            if not args.user or not args.user.strip():
                raise UsageError("--user: an administrator restores a database that has users")
            try:
                who = authenticate(store, args.user, password(f"password for {args.user}: "))
                who.require(Permission.RESTORE_DATABASE)
            except DomainError as exc:
                return refused(str(exc))
    except StoreError as exc:
        location = Path(admin(args).location)
        if not _holds_no_users(location):
            raise StoreUnavailableError(
                f"The current database {location} cannot be checked for its users, so it was "
                f"not replaced and nothing was changed ({exc.message.rstrip('.')}). Close "
                "ino-desk everywhere and try again; a damaged file must first be moved away "
                "by whoever looks after this computer."
            ) from None
        if location.exists():
            out.write(f"the current database {location} holds no records ({exc.message})\n")
    return None


def run_restore(args: argparse.Namespace, out: TextIO) -> int:
    admin(args).check_restorable()  # a live server database: refused before anything is asked
    refusal = _administrator_of_current(args, out)
    if refusal is not None:
        return refusal
    target = admin(args)
    source = Path(args.path)
    # an encrypted backup: the site's backup passphrase (asked, or from the environment)
    secret = backup_passphrase() if holds_encrypted_backup(source) else None
    try:
        aside = target.restore(source, secret)
    except BackupRefusedError as exc:
        return refused(exc.message)
    out.write(f"restored {target.location} from {Path(args.path).absolute()}\n")
    if aside is not None:
        out.write(f"the previous database was kept as {aside}\n")
    return EXIT_OK


def run_init_server(args: argparse.Namespace, out: TextIO) -> int:
    for step in admin(args).init_server(args.owner, args.app):
        out.write(f"{printable(step)}\n")
    return EXIT_OK
