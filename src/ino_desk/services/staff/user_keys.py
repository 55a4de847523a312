"""Issuing, certifying and unlocking users' signing keys, inside the caller's transaction.

A key is unlocked only where its user's password is at hand (sign-in, signing, creating the
account, a reset) and then held in the store's keyring, so every event the user writes in
this run is signed. The site's first administrator's key certifies itself; every other
certificate is signed by an administrator's unlocked key. A password reset retires the old key
(its signatures stay verifiable by its public key) and issues a new one.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.errors import DomainError
from ino_desk.domain.staff.signing_keys import (
    CertificateFacts,
    fingerprint,
    new_private_key,
    public_hex,
    unwrap,
    wrap,
)
from ino_desk.domain.staff.user_keys import UserKey, certify
from ino_desk.domain.staff.users import Permission, Role
from ino_desk.services.ports.change import Change

if TYPE_CHECKING:
    from datetime import datetime

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ino_desk.domain.staff.accounts import Account
    from ino_desk.domain.staff.passwords import Passwords
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork

log = logging.getLogger(__name__)


class KeyNotUnlockedError(DomainError):
    """An administrator's own key must be unlocked (signed in) to certify another's."""


def new_key(uow: UnitOfWork, username: str) -> Ed25519PrivateKey:
    """A fresh key pair held for `username`: this transaction's events by them are signed."""
    private = new_private_key()
    uow.keys.hold(username, private)
    return private


def store_key(
    uow: UnitOfWork,
    account: Account,
    private: Ed25519PrivateKey,
    password: str,
    passwords: Passwords,
    issuer: str,
) -> None:
    """Store `private` wrapped under `password` and certify it by `issuer`'s unlocked key; the
    site's first administrator's key certifies itself."""
    if account.id is None:
        raise ValueError("store the account before its key")
    key = UserKey(
        account.id, public_hex(private), wrap(private, password, passwords.cost), uow.now()
    )
    uow.user_keys.add(key, Change(issuer, "signing key issued"))
    if uow.certificates.root() is None and account.role is Role.ADMINISTRATOR:
        _certify(uow, account, key.public_key, uow.now(), account.username, private)
    elif not certify_by(uow, account, key.public_key, uow.now(), issuer):
        _certify_by_any_administrator(uow, account, key.public_key, uow.now())


def _certify_by_any_administrator(
    uow: UnitOfWork, account: Account, public_key: str, valid_from: datetime
) -> None:
    """An administrator signed in at this workstation certifies a key issued at another
    user's sign-in; otherwise it waits for an administrator's next sign-in."""
    for admin in uow.users.all():
        is_admin = admin.role is Role.ADMINISTRATOR and admin.active
        if is_admin and certify_by(uow, account, public_key, valid_from, admin.username):
            return


def _certify(
    uow: UnitOfWork,
    account: Account,
    public_key: str,
    valid_from: datetime,
    issuer: str,
    issuer_key: Ed25519PrivateKey,
) -> None:
    assert account.id is not None
    facts = CertificateFacts(
        public_key, account.id, account.username, account.role, valid_from, public_hex(issuer_key)
    )
    reason = f"signing key of {account.username} certified as {account.role.display_name}"
    uow.certificates.add(certify(facts, issuer_key), Change(issuer, reason))


def certify_by(
    uow: UnitOfWork, account: Account, public_key: str, valid_from: datetime, issuer: str
) -> bool:
    """Certify with `issuer`'s unlocked key when it is an administrator's; False otherwise
    (the key waits for an administrator's next sign-in)."""
    issuer_key = uow.keys.key_of(issuer)
    issuer_account = uow.users.by_username(issuer)
    if issuer_key is None or issuer_account is None or issuer == account.username:
        return False  # only the site's first administrator's key certifies itself
    if issuer_account.role is not Role.ADMINISTRATOR:
        return False
    _certify(uow, account, public_key, valid_from, issuer, issuer_key)
    return True


def recertify(uow: UnitOfWork, account: Account, issuer: str) -> None:
    """After a role change: the account's key vouched for in its new role, from now."""
    if account.id is None:
        return
    key = uow.user_keys.current_for(account.id)
    if key is None:
        return  # no key yet: it is issued, and certified in the current role, at sign-in
    if account.username == issuer:
        raise KeyNotUnlockedError("another administrator must change your own role")
    if not certify_by(uow, account, key.public_key, uow.now(), issuer):
        raise KeyNotUnlockedError(
            f"{issuer}'s signing key is not unlocked: sign in again to change roles"
        )


def replace_key(
    uow: UnitOfWork, account: Account, password: str, passwords: Passwords, issuer: str
) -> None:
    """A password reset: the old key retires (its signatures stay verifiable), a new one is
    issued under the new password and certified by the administrator."""
    if account.id is None:
        return
    if account.username == issuer:
        raise KeyNotUnlockedError(
            "an administrator changes their own password with change-password: a reset "
            "needs another administrator to certify the new key"
        )
    old = uow.user_keys.current_for(account.id)
    if old is not None:
        uow.user_keys.update(replace(old, retired_at=uow.now()), Change(issuer, "password reset"))
    uow.keys.forget(account.username)
    store_key(uow, account, new_private_key(), password, passwords, issuer)


def unlock(uow: UnitOfWork, passwords: Passwords, account: Account, password: str) -> None:
    """At sign-in, the password just matched: hold the user's key (issued now if they have
    none, e.g. after the upgrade to r0016)."""
    if account.id is None:
        return
    key = uow.user_keys.current_for(account.id)
    if key is None and uow.certificates.root() is None and account.role is not Role.ADMINISTRATOR:
        return  # an upgraded site: keys start with its administrator's, who certifies them
    if key is None:
        private = new_key(uow, account.username)
        store_key(uow, account, private, password, passwords, account.username)
    else:
        unlocked = unwrap(key.wrapped, password, key.public_key, passwords.minimum)
        if unlocked is None:
            log.warning("the signing key of %s could not be unlocked", account.username)
            return
        uow.keys.hold(account.username, unlocked)
    if account.role is Role.ADMINISTRATOR:
        _certify_waiting(uow, account.username)


def _certify_waiting(uow: UnitOfWork, admin: str) -> None:
    """Keys issued while no administrator was signed in (after the upgrade) are certified,
    from when they were issued, at an administrator's sign-in."""
    for account in uow.users.all():
        if account.id is None:
            continue
        key = uow.user_keys.current_for(account.id)
        if key is not None and not uow.certificates.for_key(key.public_key):
            certify_by(uow, account, key.public_key, key.created_at, admin)


def rewrap(uow: UnitOfWork, account: Account, new_password: str, passwords: Passwords) -> None:
    """A user changed their own password: the same key, wrapped under the new one."""
    private = uow.keys.key_of(account.username)
    key = None if account.id is None else uow.user_keys.current_for(account.id)
    if private is None or key is None:
        return
    wrapped = wrap(private, new_password, passwords.cost)
    uow.user_keys.update(replace(key, wrapped=wrapped), Change(account.username, "rewrapped"))


def site_key_fingerprint(store: Store) -> str | None:
    """The fingerprint of the site's first administrator's key, to pin on the workstation."""

    def action(uow: UnitOfWork) -> str | None:
        root = uow.certificates.root()
        return None if root is None else fingerprint(root.public_key)

    return store.read(action)


def site_key_to_pin(store: Store, who: User) -> str | None:
    """The site administrator key's fingerprint, for an administrator pinning it on a
    workstation that has none pinned (a site upgraded from before the keys, a new
    workstation). The administrator compares it with the fingerprint kept at set-up."""
    who.require(Permission.MANAGE_USERS)
    return site_key_fingerprint(store)
