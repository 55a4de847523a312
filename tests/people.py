"""Stored users for tests that write: every write use case checks its user's rights in the store.

Without a password an account gets a placeholder hash that no password matches: it can act
through the services but never sign in or sign.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.accounts import Account
from ino_desk.domain.passwords import hash_password
from ino_desk.domain.users import Role, User
from ino_desk.services.ports import Change

if TYPE_CHECKING:
    from ino_desk.services.ports import Store, UnitOfWork

NO_PASSWORD = "test-account:no-password-matches"
FULL_NAMES = {
    Role.PHARMACIST: "Paula Apothecary",
    Role.TECHNICIAN: "Tom Technician",
    Role.ADMINISTRATOR: "Ada Admin",
    Role.READ_ONLY: "Rita Reader",
}


def stored_user(
    store: Store,
    username: str,
    role: Role = Role.PHARMACIST,
    password: str | None = None,
    full_name: str | None = None,
) -> User:
    """The user called `username`, created with `role` on first use (in one transaction);
    with a `password` the account can also sign in and sign."""
    hashed = NO_PASSWORD if password is None else hash_password(password)

    def action(uow: UnitOfWork) -> User:
        found = uow.users.by_username(username)
        if found is not None:
            return found.user
        account = Account(username, full_name or FULL_NAMES[role], role, hashed, uow.now())
        return uow.users.add(account, Change(username, "test account")).user

    return store.write(action)


def pharmacist(store: Store, username: str = "pharm.a") -> User:
    return stored_user(store, username, Role.PHARMACIST)
