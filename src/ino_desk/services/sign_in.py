"""Use cases: sign in with lockout, lock and unlock the screen, sign out; every step audited.

A failed attempt must be recorded even though it is refused, so each attempt's transaction
commits its event and the refusal is raised only afterwards. Passwords and hashes are never
logged, audited or put in a message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ino_desk.domain.accounts import Account, SignInEvent, SignInOutcome
from ino_desk.domain.errors import DomainError
from ino_desk.domain.passwords import verify_password
from ino_desk.domain.sign_in_policy import LockoutPolicy, locked_until
from ino_desk.domain.users import Permission, User
from ino_desk.services.ports import Change

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.services.ports import Store, UnitOfWork

log = logging.getLogger(__name__)

# A well-formed hash nobody's password matches: unknown user names cost the same scrypt work
# as known ones, so timing does not tell which user names exist.
_NO_ACCOUNT_HASH = (
    "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
)
WHO_MAX_LENGTH = 100


class SignInRefusedError(DomainError):
    """Wrong user name or password, a locked or a disabled account; the message says which
    as far as is safe to say."""


def typed_name(username: str) -> str:
    return username.strip().lower()[:WHO_MAX_LENGTH]


def _who(name: str) -> str:
    return name or "(no user name)"


@dataclass(frozen=True, slots=True)
class _Attempt:
    user: User | None
    refusal: str | None


def _lock_state(
    events: list[SignInEvent], now: datetime, policy: LockoutPolicy
) -> tuple[datetime | None, int]:
    """(locked until, failures counting towards the next lock) from events since a reset."""
    last_lock = next(
        (
            i
            for i in range(len(events) - 1, -1, -1)
            if events[i].outcome is SignInOutcome.LOCKED_OUT
        ),
        None,
    )
    if last_lock is not None and now < events[last_lock].at + policy.lockout:
        return events[last_lock].at + policy.lockout, 0
    counted = events if last_lock is None else events[last_lock + 1 :]
    failures = [e.at for e in counted if e.outcome is SignInOutcome.FAILED]
    return None, len(failures)


def _record(uow: UnitOfWork, name: str, outcome: SignInOutcome, account: Account | None) -> None:
    user_id = None if account is None else account.id
    uow.sign_ins.add(SignInEvent(name, outcome, uow.now(), user_id), Change(_who(name)))


def _attempt(
    uow: UnitOfWork,
    name: str,
    password: str,
    success: SignInOutcome,
    policy: LockoutPolicy,
) -> _Attempt:
    now = uow.now()
    account = uow.users.by_username(name) if name else None
    until, failures = _lock_state(uow.sign_ins.since_reset(name), now, policy)
    if until is not None:
        _record(uow, name, SignInOutcome.REFUSED_LOCKED, account)
        return _Attempt(
            None,
            f"This account is locked after {policy.max_failures} failed sign-ins until "
            f"{until:%H:%M} UTC, or until an administrator unlocks it.",
        )
    stored = _NO_ACCOUNT_HASH if account is None else account.password_hash
    if not verify_password(password, stored) or account is None:
        _record(uow, name, SignInOutcome.FAILED, account)
        failure_times = [now] * (failures + 1)
        if locked_until(failure_times, policy) is not None:
            _record(uow, name, SignInOutcome.LOCKED_OUT, account)
            log.warning("sign-in locked for %s after repeated failures", _who(name))
            return _Attempt(
                None,
                f"The user name or password is not right. After {policy.max_failures} failed "
                f"sign-ins the account is locked for "
                f"{int(policy.lockout.total_seconds() // 60)} minutes.",
            )
        log.info("failed sign-in for %s", _who(name))
        return _Attempt(None, "The user name or password is not right.")
    if not account.active:
        _record(uow, name, SignInOutcome.REFUSED_DISABLED, account)
        return _Attempt(None, "This account is disabled; ask an administrator.")
    _record(uow, name, success, account)
    return _Attempt(account.user, None)


def authenticate(
    store: Store,
    username: str,
    password: str,
    *,
    success: SignInOutcome = SignInOutcome.SIGNED_IN,
    policy: LockoutPolicy | None = None,
) -> User:
    """The signed-in user, or SignInRefusedError; the attempt is recorded either way."""
    name = typed_name(username)
    rules = policy or LockoutPolicy()
    attempt = store.write(lambda uow: _attempt(uow, name, password, success, rules))
    if attempt.user is None:
        raise SignInRefusedError(attempt.refusal or "Sign-in refused.")
    log.info("%s: %s", success.value, attempt.user.username)
    return attempt.user


def record_screen_lock(store: Store, user: User) -> None:
    """The idle lock hid the screen (HIPAA automatic logoff)."""
    store.write(lambda uow: _record(uow, user.username, SignInOutcome.SCREEN_LOCKED, None))


def unlock_screen(store: Store, username: str, password: str) -> User:
    """Whoever signs in at the lock screen; the caller compares with who locked it."""
    return authenticate(store, username, password, success=SignInOutcome.SCREEN_UNLOCKED)


def sign_out(store: Store, user: User) -> None:
    store.write(lambda uow: _record(uow, user.username, SignInOutcome.SIGNED_OUT, None))


def unlock_account(store: Store, actor: User, username: str) -> None:
    """An administrator lifts a lockout before it runs out."""
    name = typed_name(username)

    def action(uow: UnitOfWork) -> None:
        uow.users.get(actor.id).user.require(Permission.MANAGE_USERS)
        account = uow.users.by_username(name)
        uow.sign_ins.add(
            SignInEvent(
                name,
                SignInOutcome.ACCOUNT_UNLOCKED,
                uow.now(),
                None if account is None else account.id,
            ),
            Change(actor.username, f"unlocked {name}"),
        )

    store.write(action)
