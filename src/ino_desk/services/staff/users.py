"""Use cases: the first administrator, adding, disabling, re-roling users, resetting passwords.

Users are disabled, never deleted, so every signature keeps a person behind it. Each change
is audited (without the password hash) in the transaction that makes it. Password hashing is
slow on purpose, so it happens before the transaction starts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.staff.accounts import Account, check_full_name, check_username
from ino_desk.domain.staff.signing_keys import new_private_key
from ino_desk.domain.staff.users import Permission, Role, User
from ino_desk.services.planning.authority import acting
from ino_desk.services.ports.change import Change
from ino_desk.services.staff import user_keys
from ino_desk.services.store_errors import ConflictError

if TYPE_CHECKING:
    from ino_desk.services.ports.store import Store, UnitOfWork


class UserAdminRefusedError(DomainError):
    """The change would leave the site without a way to administer it, or clashes."""


def _account(uow: UnitOfWork, username: str) -> Account:
    account = uow.users.by_username(check_username(username))
    if account is None:
        raise InputError("user name", f"no user called {username.strip()!r}")
    return account


def _active_administrators(uow: UnitOfWork) -> int:
    return sum(1 for a in uow.users.all() if a.active and a.role is Role.ADMINISTRATOR)


def _reason(reason: str) -> str:
    if not reason.strip():
        raise InputError("reason", "say why")
    return reason.strip()


def needs_first_administrator(store: Store) -> bool:
    """True until the first user exists: the GUI then asks for an administrator."""
    return store.read(lambda uow: uow.users.count() == 0)


def create_first_administrator(store: Store, username: str, full_name: str, password: str) -> User:
    """Only while no user exists; later users are added by an administrator."""
    name, full = check_username(username), check_full_name(full_name)
    passwords = store.passwords
    password_hash = passwords.hash(password)

    def action(uow: UnitOfWork) -> User:
        if uow.users.count():
            raise UserAdminRefusedError("an administrator already exists; ask them to add you")
        private = user_keys.new_key(uow, name)  # signs this first event already
        account = Account(name, full, Role.ADMINISTRATOR, password_hash, uow.now())
        stored = uow.users.add(account, Change(name, "first run: administrator created"))
        user_keys.store_key(uow, stored, private, password, passwords, name)
        return stored.user

    return store.write(action)


def add_user(
    store: Store, actor: User, username: str, full_name: str, role: Role, password: str
) -> User:
    name, full = check_username(username), check_full_name(full_name)
    passwords = store.passwords
    password_hash = passwords.hash(password)

    def action(uow: UnitOfWork) -> User:
        who = acting(uow, actor, Permission.MANAGE_USERS)
        if uow.users.by_username(name) is not None:
            raise ConflictError(f"A user called {name} exists already (perhaps disabled).")
        account = Account(name, full, role, password_hash, uow.now())
        stored = uow.users.add(account, Change(who.username, f"added as {role.display_name}"))
        user_keys.store_key(uow, stored, new_private_key(), password, passwords, who.username)
        return stored.user

    return store.write(action)


def list_users(store: Store, actor: User) -> list[User]:
    def action(uow: UnitOfWork) -> list[User]:
        acting(uow, actor, Permission.MANAGE_USERS)
        return [a.user for a in uow.users.all()]

    return store.read(action)


def disable_user(store: Store, actor: User, username: str, reason: str) -> User:
    why = _reason(reason)

    def action(uow: UnitOfWork) -> User:
        who = acting(uow, actor, Permission.MANAGE_USERS)
        account = _account(uow, username)
        if not account.active:
            return account.user
        if account.role is Role.ADMINISTRATOR and _active_administrators(uow) <= 1:
            raise UserAdminRefusedError("the last active administrator cannot be disabled")
        disabled = replace(account, active=False, disabled_at=uow.now())
        return uow.users.update(disabled, Change(who.username, why)).user

    return store.write(action)


def change_role(store: Store, actor: User, username: str, role: Role, reason: str) -> User:
    why = _reason(reason)

    def action(uow: UnitOfWork) -> User:
        who = acting(uow, actor, Permission.MANAGE_USERS)
        account = _account(uow, username)
        if account.role is role:
            return account.user
        if (
            account.role is Role.ADMINISTRATOR
            and account.active
            and _active_administrators(uow) <= 1
        ):
            raise UserAdminRefusedError("the last active administrator must keep that role")
        changed = uow.users.update(replace(account, role=role), Change(who.username, why))
        user_keys.recertify(uow, changed, who.username)
        return changed.user

    return store.write(action)


def reset_password(store: Store, actor: User, username: str, new_password: str) -> None:
    """An administrator sets a new password (the user should change it at next sign-in)."""
    passwords = store.passwords
    password_hash = passwords.hash(new_password)

    def action(uow: UnitOfWork) -> None:
        who = acting(uow, actor, Permission.MANAGE_USERS)
        account = _account(uow, username)
        changed = replace(account, password_hash=password_hash, password_changed_at=uow.now())
        uow.users.update(changed, Change(who.username, "password reset by an administrator"))
        user_keys.replace_key(uow, changed, new_password, passwords, who.username)

    store.write(action)
