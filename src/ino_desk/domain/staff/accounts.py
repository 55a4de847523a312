"""Stored user accounts, sign-in events and signatures as the services see them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.patient import refuse_hidden_characters
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.domain.staff.signing_keys import utc_iso
from ino_desk.domain.staff.users import Role, User

USERNAME_MAX_LENGTH = 40
FULL_NAME_MAX_LENGTH = 100


def check_username(username: str) -> str:
    """A user name is what people type: lower case letters, digits, dot, dash, underscore."""
    name = username.strip().lower()
    allowed = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
    if not 1 <= len(name) <= USERNAME_MAX_LENGTH or not set(name) <= allowed:
        raise InputError(
            "user name",
            f"must have 1 to {USERNAME_MAX_LENGTH} characters: letters, digits, '.', '-', '_'",
        )
    return name


def check_full_name(full_name: str) -> str:
    """One line as printed with signatures: no line breaks, control or direction characters."""
    refuse_hidden_characters(full_name, "full name")
    name = " ".join(full_name.split())
    if not 1 <= len(name) <= FULL_NAME_MAX_LENGTH:
        raise InputError("full name", f"must have 1 to {FULL_NAME_MAX_LENGTH} characters")
    return name


@dataclass(frozen=True, slots=True)
class Account:
    """A user as stored; `password_hash` never leaves the services that check it."""

    username: str
    full_name: str
    role: Role
    password_hash: str
    created_at: datetime
    active: bool = True
    disabled_at: datetime | None = None
    password_changed_at: datetime | None = None
    id: int | None = None

    def __repr__(self) -> str:  # keeps the hash out of logs and tracebacks
        return f"Account(id={self.id}, username={self.username!r}, role={self.role.value})"

    @property
    def password_set_at(self) -> datetime:
        """When the current password was chosen (the account's creation if never changed)."""
        return self.password_changed_at or self.created_at

    @property
    def user(self) -> User:
        if self.id is None:
            raise ValueError("this account was never stored")
        return User(self.id, self.username, self.full_name, self.role, self.active)


class SignInOutcome(StrEnum):
    SIGNED_IN = "signed in"
    FAILED = "failed sign-in"
    REFUSED_LOCKED = "refused: account locked"
    REFUSED_DISABLED = "refused: account disabled"
    LOCKED_OUT = "account locked"
    ACCOUNT_UNLOCKED = "account unlocked"
    SCREEN_LOCKED = "screen locked"
    SCREEN_UNLOCKED = "screen unlocked"
    SIGNED_OUT = "signed out"
    SIGNATURE_PASSWORD = "password re-entered to sign"
    EXPORTED = "exported records"  # a backup, report or listing left ino-desk (issue 14)
    PASSWORD_EXPIRED = "refused: password must be changed"
    PASSWORD_CHANGED = "password changed"
    # The stored hash itself is refused (issue 14): never the hash in the record, only this.
    HASH_BELOW_MINIMUM = "refused: password hash below the site's minimum"
    HASH_ABOVE_MAXIMUM = "refused: password hash above the site's maximum"
    HASH_UNREADABLE = "refused: password hash unreadable"

    @property
    def resets_failures(self) -> bool:
        """A right password or an administrator's unlock starts the failure count afresh."""
        return self in _RESETS

    @property
    def checks_password_age(self) -> bool:
        """A sign-in that lets someone act: refused once the password is too old."""
        return self in _AGED


_RESETS = frozenset(
    {
        SignInOutcome.SIGNED_IN,
        SignInOutcome.SCREEN_UNLOCKED,
        SignInOutcome.ACCOUNT_UNLOCKED,
        SignInOutcome.SIGNATURE_PASSWORD,
        SignInOutcome.PASSWORD_EXPIRED,
        SignInOutcome.PASSWORD_CHANGED,
    }
)
_AGED = frozenset(
    {SignInOutcome.SIGNED_IN, SignInOutcome.SCREEN_UNLOCKED, SignInOutcome.SIGNATURE_PASSWORD}
)


@dataclass(frozen=True, slots=True)
class SignInEvent:
    """One sign-in attempt or lock change; `username` is what was typed (may match nobody)."""

    username: str
    outcome: SignInOutcome
    at: datetime
    user_id: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class StoredSignature:
    """A signature on one entity, bound to the content hash of what was signed."""

    entity: str
    entity_id: int
    user_id: int
    full_name: str
    role: Role
    meaning: Meaning
    signed_at: datetime
    content_hash: str
    voided: bool = False
    void_reason: str = ""
    # Recorded after a downtime: the time on the paper (signed_at is the entry's own time).
    paper_time: datetime | None = None
    signer_key: str | None = None  # the signer's Ed25519 public key (None before r0016)
    key_signature: str | None = None  # their Ed25519 signature over `signed_text`
    id: int | None = None

    @property
    def signed_text(self) -> str:
        """What the signer's key signs: who, as what, meaning what, when, over which content
        (and, for a signature recorded after a downtime, the time written on the paper)."""
        signed: dict[str, object] = {
            "content_hash": self.content_hash,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "full_name": self.full_name,
            "meaning": self.meaning.value,
            "role": self.role.value,
            "signed_at": utc_iso(self.signed_at),
            "user_id": self.user_id,
        }
        if self.paper_time is not None:
            signed["paper_time"] = utc_iso(self.paper_time)
        return json.dumps(
            signed,
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )


@dataclass(frozen=True, slots=True)
class DoubleCheckRecord:
    """What the independent checker entered, and which figures disagreed (empty: agreed)."""

    dose_id: int
    user_id: int
    full_name: str
    checked_at: datetime
    dose_mg: Decimal
    drug_volume_ml: Decimal
    vials: int
    mismatches: tuple[str, ...]
    paper_time: datetime | None = None  # recorded after a downtime: the time on the paper
    id: int | None = None
