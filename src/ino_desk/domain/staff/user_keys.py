"""Users' signing keys and their certificates as stored, and the keys unlocked in this run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ino_desk.domain.staff.signing_keys import CertificateFacts, sign_text
from ino_desk.domain.staff.users import Role

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@dataclass(frozen=True, slots=True)
class UserKey:
    """One key pair of a user; a password reset retires it and issues a new one. `wrapped`
    is the private key encrypted under the password; it is never audited or shown."""

    user_id: int
    public_key: str
    wrapped: str
    created_at: datetime
    retired_at: datetime | None = None
    id: int | None = None

    def __repr__(self) -> str:  # keeps the wrapped key out of logs and tracebacks
        return f"UserKey(id={self.id}, user_id={self.user_id}, public_key={self.public_key!r})"


@dataclass(frozen=True, slots=True)
class KeyCertificate:
    """An administrator key's signature over `CertificateFacts` (self-signed for the first)."""

    public_key: str
    user_id: int
    username: str
    role: Role
    valid_from: datetime
    issuer_key: str
    signature: str
    id: int | None = None

    @property
    def facts(self) -> CertificateFacts:
        return CertificateFacts(
            self.public_key,
            self.user_id,
            self.username,
            self.role,
            self.valid_from,
            self.issuer_key,
        )

    @property
    def self_signed(self) -> bool:
        return self.issuer_key == self.public_key


def certify(facts: CertificateFacts, issuer: Ed25519PrivateKey) -> KeyCertificate:
    return KeyCertificate(
        facts.public_key,
        facts.user_id,
        facts.username,
        facts.role,
        facts.valid_from,
        facts.issuer_key,
        sign_text(issuer, facts.text()),
    )


class Keyring:
    """The private keys unlocked in this process, by user name: at sign-in (or when signing)
    the password unlocks a key, and every event that user writes is then signed with it.
    Held in memory only; forgotten at sign-out."""

    __slots__ = ("_keys",)

    def __init__(self) -> None:
        self._keys: dict[str, Ed25519PrivateKey] = {}

    def __repr__(self) -> str:
        return f"Keyring({len(self._keys)} unlocked)"

    def hold(self, username: str, private: Ed25519PrivateKey) -> None:
        self._keys[username] = private

    def key_of(self, username: str) -> Ed25519PrivateKey | None:
        return self._keys.get(username)

    def forget(self, username: str) -> None:
        self._keys.pop(username, None)
