"""Ports for user accounts, sign-in events, signatures and double checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ino_desk.services.ports.change import Repository

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.domain.staff.accounts import (
        Account,
        DoubleCheckRecord,
        SignInEvent,
        StoredSignature,
    )
    from ino_desk.domain.staff.user_keys import KeyCertificate, UserKey


class AccountRepository(Repository["Account"], Protocol):
    """Audited without the password hash; accounts are disabled, never deleted."""

    def by_username(self, username: str) -> Account | None: ...

    def all(self) -> list[Account]:
        """By user name."""
        ...

    def count(self) -> int: ...


class SignInLog(Repository["SignInEvent"], Protocol):
    def since_reset(self, username: str) -> list[SignInEvent]:
        """Events for this typed user name after the last one that resets failures, oldest
        first (all of them when none does)."""
        ...

    def unknown_name_failures_since(self, since: datetime) -> int:
        """Failures and lock-outs recorded after `since` for names matching no user."""
        ...


class SignatureRepository(Repository["StoredSignature"], Protocol):
    def for_entity(self, entity: str, entity_id: int) -> list[StoredSignature]:
        """In signing order."""
        ...


class DoubleCheckRepository(Repository["DoubleCheckRecord"], Protocol):
    def for_dose(self, dose_id: int) -> list[DoubleCheckRecord]: ...


class UserKeyRepository(Repository["UserKey"], Protocol):
    """Audited without the wrapped private key."""

    def current_for(self, user_id: int) -> UserKey | None:
        """The user's key not yet retired (None until their first key is issued)."""
        ...


class CertificateRepository(Repository["KeyCertificate"], Protocol):
    def root(self) -> KeyCertificate | None:
        """The site's first administrator's self-signed certificate."""
        ...

    def for_key(self, public_key: str) -> list[KeyCertificate]:
        """Oldest first."""
        ...
