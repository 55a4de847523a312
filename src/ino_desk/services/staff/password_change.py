"""Use case: a user changes their own password (required once it is older than the site allows).

The current password is checked exactly as at sign-in (lockout, stored-hash bounds, recorded),
except that an expired password is what this step exists for. The new hash is made before the
transaction (hashing is slow on purpose); no password or hash is logged or audited.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.staff.accounts import SignInOutcome
from ino_desk.services.ports.change import Change
from ino_desk.services.staff import user_keys
from ino_desk.services.staff.sign_in import (
    SignInAttempt,
    attempt_sign_in,
    raise_refusal,
    typed_name,
)

if TYPE_CHECKING:
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork

log = logging.getLogger(__name__)


def change_own_password(store: Store, username: str, current: str, new: str) -> User:
    """The user after the change, or SignInRefusedError (wrong current password, locked...);
    InputError when the new password breaks the rules or equals the current one."""
    passwords = store.passwords
    new_hash = passwords.hash(new)  # refuses a password breaking the rules, before any record
    if new == current:
        raise InputError("new password", "must differ from the current one")

    def action(uow: UnitOfWork) -> SignInAttempt:
        attempt = attempt_sign_in(uow, passwords, username, current, SignInOutcome.PASSWORD_CHANGED)
        if attempt.user is None or attempt.account is None:
            return attempt
        changed = replace(attempt.account, password_hash=new_hash, password_changed_at=uow.now())
        uow.users.update(changed, Change(attempt.account.username, "password changed by its user"))
        user_keys.rewrap(uow, changed, new, passwords)
        return attempt

    user = raise_refusal(store.write(action))
    log.info("password changed by %s", typed_name(user.username))
    return user
