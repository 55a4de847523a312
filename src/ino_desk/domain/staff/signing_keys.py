"""Each user's Ed25519 signing key, kept encrypted under a key derived from their password.

The database file holds only public keys and private keys wrapped with AES-256-GCM under an
argon2id key derived from the password (same cost as the password hash, so tests' cheap
verifier makes it cheap too). Whoever holds only the file can read every public key but can
sign as nobody: a forged event or signature fails its Ed25519 check. No private key, derived
key or password is ever logged or stored in clear.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import Type
from argon2.low_level import hash_secret_raw
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ino_desk.domain.staff.password_hashes import MAXIMUM_COST, Argon2Cost
from ino_desk.domain.staff.users import Role

SALT_BYTES = 16
NONCE_BYTES = 12
AES_KEY_BYTES = 32
_WRAP_LABEL = b"ino-desk signing key v1"  # authenticated data: a wrapped key is only this
_WRAPPED = re.compile(
    r"ed25519\$argon2id\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,10})"
    r"\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{16})\$([A-Za-z0-9_-]{64})",
    re.ASCII,
)


def utc_iso(moment: datetime) -> str:
    """One text for one instant, however the database hands the time back."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="microseconds")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_hex(private: Ed25519PrivateKey) -> str:
    return private.public_key().public_bytes_raw().hex()


def fingerprint(public_key: str) -> str:
    """What an administrator reads and pins: SHA-256 of the raw public key, in hex."""
    try:
        raw = bytes.fromhex(public_key)
    except ValueError:
        raw = public_key.encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


def _derived_key(password: str, salt: bytes, cost: Argon2Cost) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8", "surrogatepass"),
        salt,
        time_cost=cost.time_cost,
        memory_cost=cost.memory_kib,
        parallelism=cost.parallelism,
        hash_len=AES_KEY_BYTES,
        type=Type.ID,
    )


def wrap(private: Ed25519PrivateKey, password: str, cost: Argon2Cost) -> str:
    """The private key encrypted under the password; the cost travels with it."""
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(_derived_key(password, salt, cost)).encrypt(
        nonce, private.private_bytes_raw(), _WRAP_LABEL
    )
    return (
        f"ed25519$argon2id$m={cost.memory_kib},t={cost.time_cost},p={cost.parallelism}"
        f"${_b64(salt)}${_b64(nonce)}${_b64(sealed)}"
    )


def wrapped_cost(wrapped: str) -> Argon2Cost | None:
    match = _WRAPPED.fullmatch(wrapped) if isinstance(wrapped, str) else None
    if match is None:
        return None
    m, t, p = (int(g) for g in match.group(1, 2, 3))
    return Argon2Cost(m, t, p)


def unwrap(
    wrapped: str, password: str, public_key: str, minimum: Argon2Cost
) -> Ed25519PrivateKey | None:
    """The private key, or None: wrong password, a cost outside the bounds, or a wrapped key
    that is not the one whose public key is on record (a swapped row)."""
    match = _WRAPPED.fullmatch(wrapped) if isinstance(wrapped, str) else None
    cost = wrapped_cost(wrapped)
    if match is None or cost is None:
        return None
    if not cost.at_least(minimum) or not cost.at_most(MAXIMUM_COST):
        return None
    salt, nonce, sealed = (_unb64(g) for g in match.group(4, 5, 6))
    try:
        raw = AESGCM(_derived_key(password, salt, cost)).decrypt(nonce, sealed, _WRAP_LABEL)
    except InvalidTag:
        return None
    private = Ed25519PrivateKey.from_private_bytes(raw)
    return private if public_hex(private) == public_key else None


def sign_text(private: Ed25519PrivateKey, text: str) -> str:
    return private.sign(text.encode("utf-8", "surrogatepass")).hex()


def signature_valid(public_key: str, text: str, signature: str) -> bool:
    """Never raises: a damaged key or signature simply does not verify."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key))
        key.verify(bytes.fromhex(signature), text.encode("utf-8", "surrogatepass"))
    except (ValueError, TypeError, InvalidSignature, binascii.Error):
        return False
    return True


@dataclass(frozen=True, slots=True)
class CertificateFacts:
    """What an administrator's key vouches for: this public key is this user, in this role,
    from this moment. The site's first administrator's certificate is signed by its own key."""

    public_key: str
    user_id: int
    username: str
    role: Role
    valid_from: datetime
    issuer_key: str

    def text(self) -> str:
        return json.dumps(
            {
                "issuer_key": self.issuer_key,
                "public_key": self.public_key,
                "role": self.role.value,
                "user_id": self.user_id,
                "username": self.username,
                "valid_from": utc_iso(self.valid_from),
            },
            sort_keys=True,
            separators=(",", ":"),
        )
