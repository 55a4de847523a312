"""Ports for user accounts, sign-in events, signatures and double checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ino_desk.services.ports import Repository

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.domain.accounts import Account, DoubleCheckRecord, SignInEvent, StoredSignature


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
