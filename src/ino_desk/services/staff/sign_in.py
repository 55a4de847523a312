"""Use cases: sign in with lockout, lock and unlock the screen, sign out; every step audited.

A failed attempt must be recorded even though it is refused, so each attempt's transaction
commits its event and the refusal is raised only afterwards. Passwords and hashes are never
logged, audited or put in a message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ino_desk.domain.errors import DomainError
from ino_desk.domain.staff.accounts import Account, SignInEvent, SignInOutcome
from ino_desk.domain.staff.password_hashes import HashStanding
from ino_desk.domain.staff.passwords import Match
from ino_desk.domain.staff.sign_in_policy import LockoutPolicy, password_expired
from ino_desk.domain.staff.users import Permission, User
from ino_desk.services.ports.change import Change
from ino_desk.services.staff import user_keys

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.domain.staff.passwords import Passwords
    from ino_desk.services.ports.store import Store, UnitOfWork

log = logging.getLogger(__name__)

WHO_MAX_LENGTH = 100
# Failed sign-ins for names that match no user are kept for the administrator to see, but a
# script typing names must not fill the file: per lockout period at most this many such rows in
# all (each name still locks after the same number of failures as a real one, so the messages
# do not tell which names exist until this cap is reached).
UNKNOWN_NAME_ROWS_PER_PERIOD = 20

_HASH_REFUSALS = {
    HashStanding.BELOW_MINIMUM: SignInOutcome.HASH_BELOW_MINIMUM,
    HashStanding.ABOVE_MAXIMUM: SignInOutcome.HASH_ABOVE_MAXIMUM,
    HashStanding.UNREADABLE: SignInOutcome.HASH_UNREADABLE,
}
HASH_REFUSED_MESSAGE = (
    "This account's stored password is not one this site accepts ({standing}); ask an "
    "administrator to reset the password."
)


class SignInRefusedError(DomainError):
    """Wrong user name or password, a locked or a disabled account; the message says which
    as far as is safe to say."""


class PasswordChangeRequiredError(SignInRefusedError):
    """The password was right but is older than the site allows: it must be changed first."""

    def __init__(self, username: str, max_age_days: int) -> None:
        super().__init__(
            f"The password of {username} is older than {max_age_days} days (site policy); "
            "it must be changed before anything else."
        )
        self.username = username
        self.max_age_days = max_age_days


def typed_name(username: str) -> str:
    return username.strip().lower()[:WHO_MAX_LENGTH]


def _who(name: str) -> str:
    return name or "(no user name)"


@dataclass(frozen=True, slots=True)
class SignInAttempt:
    """What one attempt decided, returned from its transaction (raised only after commit)."""

    user: User | None
    refusal: str | None
    account: Account | None = None
    expired_after_days: int | None = None


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


def _record_attempt(
    uow: UnitOfWork,
    name: str,
    outcome: SignInOutcome,
    account: Account | None,
    policy: LockoutPolicy,
) -> None:
    """Known users: every attempt. Names matching nobody: rate-limited (see the cap above)."""
    if account is not None:
        _record(uow, name, outcome, account)
        return
    if outcome is SignInOutcome.REFUSED_LOCKED:
        return  # a locked unknown name is already on record with its lock
    recent = uow.sign_ins.unknown_name_failures_since(uow.now() - policy.lockout)
    if recent >= UNKNOWN_NAME_ROWS_PER_PERIOD:
        log.info("failed sign-in for an unknown user name (not recorded: too many)")
        return
    _record(uow, name, outcome, None)


def _failed(
    uow: UnitOfWork, name: str, account: Account | None, failures: int, policy: LockoutPolicy
) -> SignInAttempt:
    _record_attempt(uow, name, SignInOutcome.FAILED, account, policy)
    if failures + 1 >= policy.max_failures:
        _record_attempt(uow, name, SignInOutcome.LOCKED_OUT, account, policy)
        log.warning("sign-in locked for %s after repeated failures", _who(name))
        return SignInAttempt(
            None,
            f"The user name or password is not right. After {policy.max_failures} failed "
            f"sign-ins the account is locked for "
            f"{int(policy.lockout.total_seconds() // 60)} minutes.",
        )
    log.info("failed sign-in for %s", _who(name))
    return SignInAttempt(None, "The user name or password is not right.")


def _upgrade_hash(uow: UnitOfWork, passwords: Passwords, account: Account, password: str) -> None:
    """A right password under an older hash: store it again at today's cost (audited)."""
    rehashed = replace(account, password_hash=passwords.hash_verified(password))
    reason = f"password hash upgraded at sign-in to {passwords.cost}"
    uow.users.update(rehashed, Change(account.username, reason))
    log.info("password hash of %s upgraded at sign-in", account.username)


def _attempt(
    uow: UnitOfWork,
    passwords: Passwords,
    name: str,
    password: str,
    success: SignInOutcome,
    policy: LockoutPolicy,
) -> SignInAttempt:
    account = uow.users.by_username(name) if name else None
    until, failures = _lock_state(uow.sign_ins.since_reset(name), uow.now(), policy)
    if until is not None:
        _record_attempt(uow, name, SignInOutcome.REFUSED_LOCKED, account, policy)
        return SignInAttempt(
            None,
            f"This account is locked after {policy.max_failures} failed sign-ins until "
            f"{until:%H:%M} UTC, or until an administrator unlocks it.",
        )
    if account is None:
        passwords.decoy_check(password)
        return _failed(uow, name, None, failures, policy)
    check = passwords.check(password, account.password_hash)
    if check.match is Match.REFUSED:
        _record(uow, name, _HASH_REFUSALS[check.standing], account)
        log.warning("sign-in refused for %s: %s", name, check.standing.value)
        return SignInAttempt(None, HASH_REFUSED_MESSAGE.format(standing=check.standing.value))
    if not check.matches:
        return _failed(uow, name, account, failures, policy)
    if not account.active:
        _record(uow, name, SignInOutcome.REFUSED_DISABLED, account)
        return SignInAttempt(None, "This account is disabled; ask an administrator.")
    user_keys.unlock(uow, passwords, account, password)  # from here their events are signed
    if check.rehash:
        _upgrade_hash(uow, passwords, account, password)
    max_age = uow.settings.get().password_max_age_days
    if success.checks_password_age and password_expired(
        account.password_set_at, uow.now(), max_age
    ):
        _record(uow, name, SignInOutcome.PASSWORD_EXPIRED, account)
        uow.keys.forget(name)  # nothing may be signed until the password is changed
        log.info("sign-in of %s stopped: password older than the site allows", name)
        return SignInAttempt(None, None, account, max_age)
    _record(uow, name, success, account)
    return SignInAttempt(account.user, None, account)


def attempt_sign_in(
    uow: UnitOfWork,
    passwords: Passwords,
    username: str,
    password: str,
    success: SignInOutcome,
    policy: LockoutPolicy | None = None,
) -> SignInAttempt:
    """One recorded attempt inside the caller's transaction (the password change uses it)."""
    return _attempt(
        uow, passwords, typed_name(username), password, success, policy or LockoutPolicy()
    )


def raise_refusal(attempt: SignInAttempt) -> User:
    """After the attempt's transaction committed: the user, or the refusal as an error."""
    if attempt.expired_after_days is not None and attempt.account is not None:
        raise PasswordChangeRequiredError(attempt.account.username, attempt.expired_after_days)
    if attempt.user is None:
        raise SignInRefusedError(attempt.refusal or "Sign-in refused.")
    return attempt.user


def authenticate(
    store: Store,
    username: str,
    password: str,
    *,
    success: SignInOutcome = SignInOutcome.SIGNED_IN,
    policy: LockoutPolicy | None = None,
) -> User:
    """The signed-in user, or SignInRefusedError; the attempt is recorded either way."""
    passwords = store.passwords
    attempt = store.write(
        lambda uow: attempt_sign_in(uow, passwords, username, password, success, policy)
    )
    user = raise_refusal(attempt)
    log.info("%s: %s", success.value, user.username)
    return user


def record_screen_lock(store: Store, user: User) -> None:
    """The idle lock hid the screen (HIPAA automatic logoff)."""
    store.write(lambda uow: _record(uow, user.username, SignInOutcome.SCREEN_LOCKED, None))


def unlock_screen(store: Store, username: str, password: str) -> User:
    """Whoever signs in at the lock screen; the caller compares with who locked it."""
    return authenticate(store, username, password, success=SignInOutcome.SCREEN_UNLOCKED)


def record_export(store: Store, user: User, what: str) -> None:
    """Records left ino-desk (a backup, a report, a listing): who, when and what, in the
    sign-in log and its audit event, never the records themselves."""

    def action(uow: UnitOfWork) -> None:
        account = uow.users.get(user.id)
        event = SignInEvent(account.user.username, SignInOutcome.EXPORTED, uow.now(), account.id)
        uow.sign_ins.add(event, Change(account.user.username, what))

    store.write(action)


def sign_out(store: Store, user: User) -> None:
    store.write(lambda uow: _record(uow, user.username, SignInOutcome.SIGNED_OUT, None))
    store.keys.forget(user.username)


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
