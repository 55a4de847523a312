"""Shared set-up for user, sign-in and signature tests: a real store with a clock to move."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from ino_desk.domain.staff.users import Role
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.staff.user_keys import unlock
from ino_desk.services.staff.users import add_user, create_first_administrator
from tests.people import cheap_passwords
from tests.persistence.factories import NOW

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.domain.staff.accounts import Account
    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.sqlite.sqlite_engine import Database
    from ino_desk.services.ports.store import UnitOfWork

PASSWORDS = {
    "admin": "admin-passphrase-1",
    "pharm.a": "first-pharmacist-pw",
    "pharm.b": "second-pharmacist-pw",
    "pharm.c": "third-pharmacist-pw",
    "tech.t": "technician-passw0rd",
    "nurse.r": "read-only-nurse-pw",
}


class Clock:
    def __init__(self) -> None:
        self.now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ustore(database: Database, clock: Clock) -> SqlStore:
    return SqlStore(database, clock=clock, passwords=cheap_passwords())


@pytest.fixture
def staff(ustore: SqlStore) -> dict[str, User]:
    """An administrator, three pharmacists, a technician and a read-only nurse."""
    admin = create_first_administrator(ustore, "admin", "Ada Admin", PASSWORDS["admin"])
    people = {"admin": admin}
    for name, full, role in [
        ("pharm.a", "Paula Apothecary", Role.PHARMACIST),
        ("pharm.b", "Boris Bottle", Role.PHARMACIST),
        ("pharm.c", "Cleo Capsule", Role.PHARMACIST),
        ("tech.t", "Theo Technician", Role.TECHNICIAN),
        ("nurse.r", "Rita Reader", Role.READ_ONLY),
    ]:
        people[name] = add_user(ustore, admin, name, full, role, PASSWORDS[name])
    for name in people:  # as at a workstation: signed in, so their events carry their key
        ustore.write(lambda uow, name=name: unlock(uow, ustore.passwords, _account(uow, name),
                                                   PASSWORDS[name]))  # fmt: skip
    return people


def _account(uow: UnitOfWork, name: str) -> Account:
    account = uow.users.by_username(name)
    assert account is not None
    return account


def rows(store: SqlStore, sql: str) -> list[tuple[object, ...]]:
    with store.database.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]
