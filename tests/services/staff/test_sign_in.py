"""Sign-in: lockout after five failures, recorded and audited; unlock; disabled accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.staff.sign_in_policy import DEFAULT_LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS
from ino_desk.domain.staff.users import PermissionDeniedError
from ino_desk.services.staff.sign_in import (
    SignInRefusedError,
    authenticate,
    record_screen_lock,
    unlock_account,
    unlock_screen,
)
from ino_desk.services.staff.users import disable_user
from tests.services.users_fixtures import PASSWORDS, Clock, clock, rows, staff, ustore

if TYPE_CHECKING:
    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore

__all__ = ["clock", "staff", "ustore"]


def _outcomes(store: SqlStore, username: str) -> list[object]:
    return [
        r[0] for r in rows(store, f"SELECT outcome FROM sign_in_events WHERE username='{username}'")
    ]


def test_right_password_signs_in_and_is_recorded(ustore: SqlStore, staff: dict[str, User]) -> None:
    user = authenticate(ustore, "  Pharm.A ", PASSWORDS["pharm.a"])
    assert user == staff["pharm.a"]
    assert _outcomes(ustore, "pharm.a") == ["signed in"]
    audited = rows(
        ustore, "SELECT who, entity, action FROM audit_events WHERE entity='sign_in_event'"
    )
    assert audited == [("pharm.a", "sign_in_event", "create")]


def test_wrong_password_and_unknown_user_get_the_same_message(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    with pytest.raises(SignInRefusedError) as wrong:
        authenticate(ustore, "pharm.a", "not-the-password")
    with pytest.raises(SignInRefusedError) as unknown:
        authenticate(ustore, "nobody", "not-the-password")
    assert str(wrong.value) == str(unknown.value) == "The user name or password is not right."
    assert _outcomes(ustore, "pharm.a") == ["failed sign-in"]
    assert _outcomes(ustore, "nobody") == ["failed sign-in"]


def test_five_failures_lock_the_account_until_the_lockout_ends(
    ustore: SqlStore, staff: dict[str, User], clock: Clock
) -> None:
    assert MAX_FAILED_ATTEMPTS == 5  # the number
    for _ in range(4):
        with pytest.raises(SignInRefusedError):
            authenticate(ustore, "pharm.a", "wrong-password-x")
    assert "failed sign-in" in _outcomes(ustore, "pharm.a")
    assert "account locked" not in _outcomes(ustore, "pharm.a")
    with pytest.raises(SignInRefusedError, match="locked for"):
        authenticate(ustore, "pharm.a", "wrong-password-x")
    assert _outcomes(ustore, "pharm.a")[-1] == "account locked"
    # Locked: even the right password is refused, and that refusal is recorded too.
    clock.advance(DEFAULT_LOCKOUT_MINUTES - 1)
    with pytest.raises(SignInRefusedError, match="is locked"):
        authenticate(ustore, "pharm.a", PASSWORDS["pharm.a"])
    assert _outcomes(ustore, "pharm.a")[-1] == "refused: account locked"
    clock.advance(1)
    assert authenticate(ustore, "pharm.a", PASSWORDS["pharm.a"]) == staff["pharm.a"]


def test_a_success_starts_the_failure_count_afresh(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    for _ in range(4):
        with pytest.raises(SignInRefusedError):
            authenticate(ustore, "pharm.b", "wrong-password-x")
    authenticate(ustore, "pharm.b", PASSWORDS["pharm.b"])
    for _ in range(4):
        with pytest.raises(SignInRefusedError):
            authenticate(ustore, "pharm.b", "wrong-password-x")
    assert "account locked" not in _outcomes(ustore, "pharm.b")


def test_an_administrator_unlocks_early_and_others_may_not(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    for _ in range(5):
        with pytest.raises(SignInRefusedError):
            authenticate(ustore, "tech.t", "wrong-password-x")
    with pytest.raises(PermissionDeniedError):
        unlock_account(ustore, staff["pharm.a"], "tech.t")
    unlock_account(ustore, staff["admin"], "tech.t")
    assert authenticate(ustore, "tech.t", PASSWORDS["tech.t"]) == staff["tech.t"]
    assert _outcomes(ustore, "tech.t")[-2:] == ["account unlocked", "signed in"]


def test_a_disabled_user_cannot_sign_in(ustore: SqlStore, staff: dict[str, User]) -> None:
    disable_user(ustore, staff["admin"], "pharm.c", "left the pharmacy")
    with pytest.raises(SignInRefusedError, match="disabled"):
        authenticate(ustore, "pharm.c", PASSWORDS["pharm.c"])


def test_screen_lock_and_unlock_are_recorded(ustore: SqlStore, staff: dict[str, User]) -> None:
    record_screen_lock(ustore, staff["pharm.a"])
    assert unlock_screen(ustore, "pharm.a", PASSWORDS["pharm.a"]) == staff["pharm.a"]
    assert _outcomes(ustore, "pharm.a") == ["screen locked", "screen unlocked"]
