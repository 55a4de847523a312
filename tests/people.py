"""Stored users for tests that write: every write use case checks its user's rights in the store.

Without a password an account gets a placeholder hash that no password matches: it can act
through the services but never sign in or sign.

Test stores verify passwords with `cheap_passwords()`: argon2id at argon2's smallest cost,
accepted because the test builds its verifier with that as its minimum. The cost is recorded
in each hash, so a product verifier (`app.password_verifier`) refuses these hashes: nothing
here weakens the application, which never sees this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.staff.accounts import Account
from ino_desk.domain.staff.password_hashes import Argon2Cost
from ino_desk.domain.staff.passwords import Passwords
from ino_desk.domain.staff.users import Role, User
from ino_desk.services.ports.change import Change
from ino_desk.services.staff.user_keys import new_key, store_key

if TYPE_CHECKING:
    from ino_desk.services.ports.store import Store, UnitOfWork

NO_PASSWORD = "test-account:no-password-matches"
KEY_SECRET = "test-account:key-secret"  # wraps the key of an account without a password
TEST_COST = Argon2Cost(memory_kib=8, time_cost=1, parallelism=1)  # well under a millisecond
FULL_NAMES = {
    Role.PHARMACIST: "Paula Apothecary",
    Role.TECHNICIAN: "Tom Technician",
    Role.ADMINISTRATOR: "Ada Admin",
    Role.READ_ONLY: "Rita Reader",
}


def cheap_passwords() -> Passwords:
    """The verifier of test stores: hashes at TEST_COST and accepts it as the minimum."""
    return Passwords(TEST_COST, TEST_COST)


def stored_user(
    store: Store,
    username: str,
    role: Role = Role.PHARMACIST,
    password: str | None = None,
    full_name: str | None = None,
) -> User:
    """The user called `username`, created with `role` on first use (in one transaction);
    with a `password` the account can also sign in and sign."""
    # Looked up first: a hash costs a whole argon2 run on a product-cost store, and helpers
    # ask for the same user again and again.
    existing = store.read(lambda uow: uow.users.by_username(username))
    if existing is not None:
        return existing.user
    hashed = NO_PASSWORD if password is None else store.passwords.hash(password)

    def action(uow: UnitOfWork) -> User:
        found = uow.users.by_username(username)
        if found is not None:
            return found.user
        # Once the site has its administrator key, users act signed in: their events are
        # signed with a key (certified by the administrator signed in at this store).
        private = None if uow.certificates.root() is None else new_key(uow, username)
        account = Account(username, full_name or FULL_NAMES[role], role, hashed, uow.now())
        stored = uow.users.add(account, Change(username, "test account"))
        if private is not None:
            secret = password or KEY_SECRET
            store_key(uow, stored, private, secret, store.passwords, username)
        return stored.user

    return store.write(action)


def pharmacist(store: Store, username: str = "pharm.a") -> User:
    return stored_user(store, username, Role.PHARMACIST)
