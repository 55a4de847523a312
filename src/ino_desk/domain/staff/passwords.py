"""Password rules and hashing (argon2id): only salted hashes are ever stored.

`Passwords` is the verifier: it hashes new passwords at its cost and reads stored hashes only
within its minimum and the fixed maximum (`password_hashes`). The application builds it once
from the product constants; tests build one with a cheaper minimum for their own files. No
setting, file or environment variable reaches it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum

from ino_desk.domain.errors import InputError
from ino_desk.domain.staff.password_hashes import (
    HASH_BYTES,
    MAXIMUM_COST,
    OWASP_MINIMUM,
    PRODUCT_COST,
    SALT_BYTES,
    Argon2Cost,
    Argon2Hash,
    HashStanding,
    ScryptHash,
    read_hash,
)

MIN_PASSWORD_LENGTH = 12  # NIST SP 800-63B allows 8; a shared clinical workstation asks more
MAX_PASSWORD_LENGTH = 1024  # hashing a megabyte per attempt helps nobody
_ABSOLUTE_FLOOR = Argon2Cost(memory_kib=8, time_cost=1, parallelism=1)  # argon2's own minimum


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError("password", f"must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputError("password", f"must have at most {MAX_PASSWORD_LENGTH} characters")
    if password.strip() != password:
        raise InputError("password", "must not start or end with spaces")


class Match(StrEnum):
    MATCHES = "matches"
    DIFFERS = "differs"
    REFUSED = "refused"  # the stored hash itself is refused: see `standing`


@dataclass(frozen=True, slots=True)
class PasswordCheck:
    """The verdict on a password against a stored hash. `rehash`: it matched, but the hash is
    not at the verifier's cost (an older algorithm or cost), so it should be replaced."""

    match: Match
    standing: HashStanding = HashStanding.USABLE
    rehash: bool = False

    @property
    def matches(self) -> bool:
        return self.match is Match.MATCHES


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _scrypt_matches(password: bytes, stored: ScryptHash) -> bool:
    try:
        expected = _unb64(stored.digest)
        actual = hashlib.scrypt(
            password,
            salt=_unb64(stored.salt),
            n=stored.n,
            r=stored.r,
            p=stored.p,
            maxmem=129 * stored.n * stored.r + 1024 * 1024,
            dklen=len(expected),
        )
    except ValueError:  # e.g. base64 of an impossible length
        return False
    return hmac.compare_digest(actual, expected)


def _argon2_matches(password: bytes, stored: Argon2Hash) -> bool:
    # argon2 (a C extension through cffi) loads on the first hash or check, not with every
    # command that merely could ask for a password.
    from argon2 import Type
    from argon2.exceptions import Argon2Error
    from argon2.low_level import verify_secret

    try:
        return verify_secret(stored.encoded.encode("ascii"), password, Type.ID)
    except (Argon2Error, ValueError):  # a mismatch, or a hash argon2 itself cannot use
        return False


class Passwords:
    """Hashes at `cost`; reads stored hashes at `minimum` or above (and under the maximum)."""

    __slots__ = ("_decoy", "cost", "minimum")

    def __init__(
        self, cost: Argon2Cost = PRODUCT_COST, minimum: Argon2Cost = OWASP_MINIMUM
    ) -> None:
        if not minimum.at_least(_ABSOLUTE_FLOOR) or not cost.at_least(minimum):
            raise ValueError(f"hash cost {cost} is below the minimum {minimum}")
        if not cost.at_most(MAXIMUM_COST):
            raise ValueError(f"hash cost {cost} is above the maximum {MAXIMUM_COST}")
        self.cost = cost
        self.minimum = minimum
        self._decoy: str | None = None

    def hash(self, password: str) -> str:
        """PHC string `$argon2id$v=19$m=..,t=..,p=..$salt$hash`: the cost travels with it."""
        check_password_rules(password)
        return self._hash(password)

    def hash_verified(self, password: str) -> str:
        """Hash again a password that just matched its stored hash (rules already met)."""
        return self._hash(password)

    def _hash(self, password: str) -> str:
        from argon2 import Type
        from argon2.low_level import hash_secret

        return hash_secret(
            password.encode(),
            secrets.token_bytes(SALT_BYTES),
            time_cost=self.cost.time_cost,
            memory_cost=self.cost.memory_kib,
            parallelism=self.cost.parallelism,
            hash_len=HASH_BYTES,
            type=Type.ID,
        ).decode("ascii")

    def check(self, password: str, stored: str) -> PasswordCheck:
        """Never raises: a stored hash outside the bounds is refused without hashing."""
        read = read_hash(stored, self.minimum)
        if read.parsed is None:
            return PasswordCheck(Match.REFUSED, read.standing)
        secret = password.encode("utf-8", "surrogatepass")
        if isinstance(read.parsed, ScryptHash):
            matched = _scrypt_matches(secret, read.parsed)
            rehash = True
        else:
            matched = _argon2_matches(secret, read.parsed)
            rehash = read.parsed.cost != self.cost
        if not matched:
            return PasswordCheck(Match.DIFFERS)
        return PasswordCheck(Match.MATCHES, rehash=rehash)

    def decoy_check(self, password: str) -> None:
        """The same work as a real check, for user names that match nobody: timing does not
        tell which names exist. The decoy hash is made once per verifier."""
        if self._decoy is None:
            self._decoy = self._hash(secrets.token_urlsafe(24))
        self.check(password, self._decoy)


def product_passwords() -> Passwords:
    """The verifier the application uses: product cost, OWASP minimum."""
    return Passwords(PRODUCT_COST, OWASP_MINIMUM)
