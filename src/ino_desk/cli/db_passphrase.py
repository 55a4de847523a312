"""`ino-desk db passphrase`: the site's backup passphrase; and reading it for `db restore`.

Like passwords, a passphrase is never a flag: asked in a terminal (not echoed), otherwise
read from the environment variable named (scripts, tests).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.credentials import PASSWORD_ENV, confirmed, open_store, password, refused, secret
from ino_desk.cli.parser import EXIT_OK, UsageError
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.services.staff.backup_passphrase import check_passphrase, set_backup_passphrase
from ino_desk.services.staff.sign_in import authenticate

if TYPE_CHECKING:
    import argparse

PASSPHRASE_ENV = "INO_DESK_BACKUP_PASSPHRASE"
NEW_PASSPHRASE_ENV = "INO_DESK_NEW_BACKUP_PASSPHRASE"


def register_passphrase(actions: Any) -> None:
    command = actions.add_parser(
        "passphrase",
        help="encrypt every backup under a site passphrase (administrators); restore asks it",
    )
    command.add_argument(
        "--user",
        required=True,
        metavar="NAME",
        help=f"an administrator; the password is asked (or read from {PASSWORD_ENV})",
    )
    command.add_argument("--reason", required=True, help="why the backup passphrase changes")
    command.add_argument(
        "--off", action="store_true", help="stop encrypting backups (older ones keep theirs)"
    )
    command.set_defaults(func=run_passphrase)


def backup_passphrase(prompt: str = "backup passphrase: ", env: str = PASSPHRASE_ENV) -> str:
    return secret(prompt, env, "backup passphrase")


def _new_passphrase() -> str:
    first = backup_passphrase("new backup passphrase: ", NEW_PASSPHRASE_ENV)
    try:
        check_passphrase(first)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    return confirmed(first, "backup passphrase")


def run_passphrase(args: argparse.Namespace, out: TextIO) -> int:
    if not args.reason.strip():
        raise UsageError("--reason: say why the backup passphrase changes")
    with open_store(args) as store:
        try:
            who = authenticate(store, args.user, password(f"password for {args.user}: "))
            set_backup_passphrase(store, who, None if args.off else _new_passphrase(), args.reason)
        except InputError as exc:
            raise UsageError(str(exc)) from None
        except DomainError as exc:
            return refused(exc)
    if args.off:
        out.write("backups are no longer encrypted; earlier encrypted backups keep theirs\n")
    else:
        out.write(
            "backups are encrypted from now on; keep the passphrase safe: without it no "
            "encrypted backup can be restored\n"
        )
    return EXIT_OK
