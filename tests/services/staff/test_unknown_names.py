"""Failed sign-ins for names that match no user cannot fill the file (issue 14)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.staff.sign_in_policy import DEFAULT_LOCKOUT_MINUTES
from ino_desk.services.staff.sign_in import (
    UNKNOWN_NAME_ROWS_PER_PERIOD,
    SignInRefusedError,
    authenticate,
)
from tests.services.users_fixtures import PASSWORDS, Clock, clock, rows, staff, ustore

if TYPE_CHECKING:
    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore

__all__ = ["clock", "staff", "ustore"]


def _count(store: SqlStore, where: str = "1 = 1") -> int:
    [(n,)] = rows(store, f"SELECT count(*) FROM sign_in_events WHERE {where}")
    assert isinstance(n, int)
    return n


def _refused(store: SqlStore, name: str, password: str = "not-the-password") -> str:
    with pytest.raises(SignInRefusedError) as refused:
        authenticate(store, name, password)
    return str(refused.value)


# A thousand sign-in attempts: a volume test of the sign-in log, kept on SQLite (the server's
# sign-in log is exercised by test_sign_in) to keep CI's PostgreSQL slice within 3 minutes.
@pytest.mark.sqlite_only
def test_a_thousand_tries_of_one_unknown_name_leave_a_bounded_record(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    messages = [_refused(ustore, "nobody") for _ in range(1000)]
    # Like a real account: four plain refusals, then locked (the messages do not tell that
    # the name matches nobody), and on record: five failures and the lock, nothing more.
    assert messages[3] == "The user name or password is not right."
    assert "locked for 15 minutes" in messages[4]
    assert set(messages[5:]) == {messages[5]}
    assert "is locked" in messages[5]
    assert _count(ustore, "username='nobody'") == 6
    assert _count(ustore) == 6


# A thousand sign-in attempts: a volume test of the sign-in log, kept on SQLite (the server's
# sign-in log is exercised by test_sign_in) to keep CI's PostgreSQL slice within 3 minutes.
@pytest.mark.sqlite_only
def test_a_thousand_different_unknown_names_leave_a_bounded_record(
    ustore: SqlStore, staff: dict[str, User], clock: Clock
) -> None:
    for i in range(1000):
        _refused(ustore, f"script.{i}")
    assert _count(ustore) == UNKNOWN_NAME_ROWS_PER_PERIOD
    # A real user's failures are still recorded while the cap is reached, and the lockout after
    # five failures is unchanged.
    for _ in range(5):
        _refused(ustore, "pharm.a")
    assert _count(ustore, "username='pharm.a' AND outcome='failed sign-in'") == 5
    assert _count(ustore, "username='pharm.a' AND outcome='account locked'") == 1
    # The cap is per lockout period: later attempts are recorded again, as few.
    clock.advance(DEFAULT_LOCKOUT_MINUTES)
    for i in range(1000, 1100):
        _refused(ustore, f"script.{i}")
    assert _count(ustore, "user_id IS NULL") == 2 * UNKNOWN_NAME_ROWS_PER_PERIOD
    assert authenticate(ustore, "pharm.b", PASSWORDS["pharm.b"]) == staff["pharm.b"]
