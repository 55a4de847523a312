"""`ino-desk users ...`: the first administrator and user administration from a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.credentials import (
    add_user_flag,
    new_password,
    open_store,
    password,
    refused,
)
from ino_desk.cli.json_out import dumps
from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, UsageError, choice_type
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.staff.users import Role
from ino_desk.services.staff.password_change import change_own_password
from ino_desk.services.staff.sign_in import authenticate, unlock_account
from ino_desk.services.staff.user_keys import site_key_fingerprint, site_key_to_pin
from ino_desk.services.staff.users import (
    add_user,
    change_role,
    create_first_administrator,
    disable_user,
    list_users,
    reset_password,
)
from ino_desk.services.store_errors import ConflictError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

ROLES = {r.value: r for r in Role}


def register(commands: Any) -> None:
    users = commands.add_parser("users", help="create the administrator, manage users")
    actions = users.add_subparsers(dest="users_action", required=True, metavar="ACTION")
    first = actions.add_parser("create-admin", help="first run only: the administrator")
    first.add_argument("username", metavar="USERNAME")
    first.add_argument("--full-name", required=True, metavar="NAME")
    first.set_defaults(func=_run(_create_admin, signed_in=False, create=True))
    add = actions.add_parser("add", help="add a user (administrators)")
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--full-name", required=True, metavar="NAME")
    add.add_argument("--role", required=True, type=choice_type("--role", dict(ROLES)))
    add.set_defaults(func=_run(_add))
    pin = actions.add_parser(
        "pin-site-key",
        help="pin the site administrator key on this workstation (administrators; compare the "
        "fingerprint printed with the one kept when the site was set up)",
    )
    pin.set_defaults(func=_run(_pin_site_key))
    listing = actions.add_parser("list", help="every user, disabled ones too")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=_run(_list))
    disable = actions.add_parser("disable", help="disable a user (never deleted)")
    disable.add_argument("username", metavar="USERNAME")
    disable.add_argument("--reason", required=True)
    disable.set_defaults(func=_run(_disable))
    role = actions.add_parser("set-role", help="change a user's role")
    role.add_argument("username", metavar="USERNAME")
    role.add_argument("role", type=choice_type("ROLE", dict(ROLES)))
    role.add_argument("--reason", required=True)
    role.set_defaults(func=_run(_set_role))
    reset = actions.add_parser("reset-password", help="set a new password for a user")
    reset.add_argument("username", metavar="USERNAME")
    reset.set_defaults(func=_run(_reset))
    unlock = actions.add_parser("unlock", help="lift a sign-in lockout early")
    unlock.add_argument("username", metavar="USERNAME")
    unlock.set_defaults(func=_run(_unlock))
    change = actions.add_parser(
        "change-password", help="change your own password (also once it is too old)"
    )
    change.set_defaults(func=_run(_change_password, signed_in=False))
    for parser in (add, pin, listing, disable, role, reset, unlock, change):
        add_user_flag(parser)


def _run(
    action: Callable[[Store, User | None, argparse.Namespace, TextIO], int],
    *,
    signed_in: bool = True,
    create: bool = False,
) -> Callable[[argparse.Namespace, TextIO], int]:
    def run(args: argparse.Namespace, out: TextIO) -> int:
        secret = password(f"password for {args.user}: ") if signed_in else ""
        with open_store(args, create=create) as store:
            try:
                actor = authenticate(store, args.user, secret) if signed_in else None
                return action(store, actor, args, out)
            except InputError as exc:
                raise UsageError(str(exc)) from None
            except ConflictError as exc:
                return refused(exc.message)
            except DomainError as exc:
                return refused(exc)

    return run


def _need(actor: User | None) -> User:
    if actor is None:  # pragma: no cover - registered with signed_in=True
        raise RuntimeError("this action needs a signed-in user")
    return actor


def _create_admin(store: Store, _actor: User | None, args: argparse.Namespace, out: TextIO) -> int:
    secret = new_password(f"new password for {args.username}: ")
    user = create_first_administrator(store, args.username, args.full_name, secret)
    out.write(f"administrator {user.username} created\n")
    site_key = site_key_fingerprint(store)
    if site_key is not None:
        from ino_desk import workstation

        if workstation.pin_admin_key(site_key):
            out.write(f"site administrator key {site_key} pinned on this workstation\n")
        else:
            out.write(
                "this workstation already pins another site's administrator key: "
                "`audit verify` will refuse this database here\n"
            )
    return EXIT_OK


def _pin_site_key(store: Store, actor: User | None, args: argparse.Namespace, out: TextIO) -> int:
    from ino_desk import workstation

    site_key = site_key_to_pin(store, _need(actor))
    if site_key is None:
        out.write("this database has no site administrator key yet: nothing to pin\n")
        return EXIT_FAILED
    if not workstation.pin_admin_key(site_key):
        out.write(
            "this workstation already pins another site's administrator key; it was not changed\n"
        )
        return EXIT_FAILED
    out.write(f"site administrator key {site_key} pinned on this workstation\n")
    return EXIT_OK


def _add(store: Store, actor: User | None, args: argparse.Namespace, out: TextIO) -> int:
    secret = new_password(f"new password for {args.username}: ")
    user = add_user(store, _need(actor), args.username, args.full_name, args.role, secret)
    out.write(f"{user.role.display_name} {user.username} added\n")
    return EXIT_OK


def _list(store: Store, actor: User | None, args: argparse.Namespace, out: TextIO) -> int:
    users = list_users(store, _need(actor))
    if args.json:
        out.write(
            dumps(
                [
                    {
                        "username": u.username,
                        "full_name": u.full_name,
                        "role": u.role.value,
                        "active": u.active,
                    }
                    for u in users
                ]
            )
            + "\n"
        )
        return EXIT_OK
    for u in users:
        state = "" if u.active else "  (disabled)"
        out.write(f"{u.username}\t{u.full_name}\t{u.role.display_name}{state}\n")
    return EXIT_OK


def _disable(store: Store, actor: User | None, args: argparse.Namespace, out: TextIO) -> int:
    user = disable_user(store, _need(actor), args.username, args.reason)
    out.write(f"{user.username} disabled\n")
    return EXIT_OK


def _set_role(store: Store, actor: User | None, args: argparse.Namespace, out: TextIO) -> int:
    user = change_role(store, _need(actor), args.username, args.role, args.reason)
    out.write(f"{user.username} is now {user.role.display_name}\n")
    return EXIT_OK


def _reset(store: Store, actor: User | None, args: argparse.Namespace, out: TextIO) -> int:
    reset_password(store, _need(actor), args.username, new_password("new password: "))
    out.write(f"password of {args.username} reset\n")
    return EXIT_OK


def _change_password(
    store: Store, _actor: User | None, args: argparse.Namespace, out: TextIO
) -> int:
    """The current password as every command reads it, then the new one (twice in a terminal);
    it signs in with the current one itself, even when the site's aging policy expired it."""
    current = password(f"current password for {args.user}: ")
    new = new_password(f"new password for {args.user}: ")
    user = change_own_password(store, args.user, current, new)
    out.write(f"password of {user.username} changed\n")
    return EXIT_OK


def _unlock(store: Store, actor: User | None, args: argparse.Namespace, out: TextIO) -> int:
    unlock_account(store, _need(actor), args.username)
    out.write(f"{args.username} unlocked\n")
    return EXIT_OK
