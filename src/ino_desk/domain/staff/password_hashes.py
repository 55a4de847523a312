"""Reading a stored password hash: its algorithm and cost, only within the product's bounds.

A stored hash describes its own cost. That is what lets the cost rise later, and it is also
what an attacker with write access to the database file controls: a hash computed with a tiny
cost signs anyone in with the attacker's password, and an absurd cost makes each sign-in a
denial of service. So the cost is read strictly (ASCII digits, bounded lengths) and compared
with a minimum and a maximum held in code before any hashing is done with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class HashStanding(StrEnum):
    """What a stored hash is, before any password is checked against it."""

    USABLE = "usable"
    BELOW_MINIMUM = "password hash below the site's minimum"
    ABOVE_MAXIMUM = "password hash above the site's maximum"
    UNREADABLE = "password hash unreadable"


@dataclass(frozen=True, slots=True)
class Argon2Cost:
    """argon2id cost: memory in KiB, passes over it, lanes."""

    memory_kib: int
    time_cost: int
    parallelism: int

    def at_least(self, other: Argon2Cost) -> bool:
        """Every dimension at least `other`'s (no trading memory for passes)."""
        return (
            self.memory_kib >= other.memory_kib
            and self.time_cost >= other.time_cost
            and self.parallelism >= other.parallelism
        )

    def at_most(self, other: Argon2Cost) -> bool:
        return (
            self.memory_kib <= other.memory_kib
            and self.time_cost <= other.time_cost
            and self.parallelism <= other.parallelism
        )

    def __str__(self) -> str:
        return f"argon2id m={self.memory_kib} KiB, t={self.time_cost}, p={self.parallelism}"


# The product's policy (OWASP Password Storage Cheat Sheet; RFC 9106 section 4). Constants in
# code: nothing in the database file or the environment can lower them.
OWASP_MINIMUM = Argon2Cost(memory_kib=19 * 1024, time_cost=2, parallelism=1)
PRODUCT_COST = Argon2Cost(memory_kib=64 * 1024, time_cost=3, parallelism=1)
# Beyond this a stored hash is a denial of service (256 MiB and 10 passes per sign-in), not a
# policy: refused without hashing.
MAXIMUM_COST = Argon2Cost(memory_kib=256 * 1024, time_cost=10, parallelism=4)
SALT_BYTES = 16
HASH_BYTES = 32
_B64_CHARS = "{22,86}"  # 16 to 64 bytes, unpadded base64, for salts and digests

# Hashes written before argon2id (scrypt, N=2^15, r=8, p=1) are read, at exactly that floor or
# above, so existing users can sign in once and be rehashed; nothing cheaper.
LEGACY_SCRYPT_MIN = (2**15, 8, 1)
LEGACY_SCRYPT_MAX_MEMORY = 256 * 1024 * 1024  # 128 * N * r bytes
LEGACY_SCRYPT_MAX_P = 4

_DIGITS = r"([0-9]{1,10})"
_B64 = rf"([A-Za-z0-9+/]{_B64_CHARS})"
_ARGON2ID = re.compile(
    rf"\$argon2id\$v=19\$m={_DIGITS},t={_DIGITS},p={_DIGITS}\${_B64}\${_B64}", re.ASCII
)
_ARGON2_ANY = re.compile(r"\$argon2(?:id|i|d)\$", re.ASCII)
_URLSAFE_B64 = rf"([A-Za-z0-9_-]{_B64_CHARS})"
_SCRYPT = re.compile(rf"scrypt\${_DIGITS}\${_DIGITS}\${_DIGITS}\${_URLSAFE_B64}\${_URLSAFE_B64}")


@dataclass(frozen=True, slots=True)
class Argon2Hash:
    cost: Argon2Cost
    encoded: str


@dataclass(frozen=True, slots=True)
class ScryptHash:
    n: int
    r: int
    p: int
    salt: str
    digest: str


@dataclass(frozen=True, slots=True)
class ReadHash:
    """A stored hash as read: `parsed` is set only when `standing` is USABLE."""

    standing: HashStanding
    parsed: Argon2Hash | ScryptHash | None = None


def _argon2(stored: str, minimum: Argon2Cost) -> ReadHash:
    match = _ARGON2ID.fullmatch(stored)
    if match is None:
        return ReadHash(HashStanding.UNREADABLE)
    m, t, p = (int(g) for g in match.group(1, 2, 3))
    cost = Argon2Cost(m, t, p)
    if p < 1 or m < 8 * p or t < 1:  # argon2 cannot even run these
        return ReadHash(HashStanding.BELOW_MINIMUM)
    if not cost.at_most(MAXIMUM_COST):
        return ReadHash(HashStanding.ABOVE_MAXIMUM)
    if not cost.at_least(minimum):
        return ReadHash(HashStanding.BELOW_MINIMUM)
    return ReadHash(HashStanding.USABLE, Argon2Hash(cost, stored))


def _scrypt(stored: str) -> ReadHash:
    match = _SCRYPT.fullmatch(stored)
    if match is None:
        return ReadHash(HashStanding.UNREADABLE)
    n, r, p = (int(g) for g in match.group(1, 2, 3))
    min_n, min_r, min_p = LEGACY_SCRYPT_MIN
    if n < min_n or r < min_r or p < min_p:
        return ReadHash(HashStanding.BELOW_MINIMUM)
    if 128 * n * r > LEGACY_SCRYPT_MAX_MEMORY or p > LEGACY_SCRYPT_MAX_P:
        return ReadHash(HashStanding.ABOVE_MAXIMUM)
    if n & (n - 1):  # scrypt's N is a power of two
        return ReadHash(HashStanding.UNREADABLE)
    return ReadHash(HashStanding.USABLE, ScryptHash(n, r, p, match.group(4), match.group(5)))


def read_hash(stored: object, minimum: Argon2Cost) -> ReadHash:
    """Classify a stored hash against `minimum` and the fixed maximum; never raises."""
    if not isinstance(stored, str) or len(stored) > 400:
        return ReadHash(HashStanding.UNREADABLE)
    if stored.startswith("$argon2"):
        if _ARGON2_ANY.match(stored) and not stored.startswith("$argon2id$"):
            return ReadHash(HashStanding.BELOW_MINIMUM)  # argon2i/argon2d: not the policy's
        return _argon2(stored, minimum)
    if stored.startswith("scrypt$"):
        return _scrypt(stored)
    return ReadHash(HashStanding.UNREADABLE)
