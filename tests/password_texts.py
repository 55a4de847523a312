"""Stored password hashes as an attacker with the file could write them, at any cost."""

from __future__ import annotations

import base64
import hashlib

SALT = base64.b64encode(b"s" * 16).decode().rstrip("=")
DIGEST = base64.b64encode(b"d" * 32).decode().rstrip("=")


def scrypt_hash(password: str, n: int, r: int, p: int) -> str:
    """The format main wrote: `scrypt$N$r$p$salt$hash`, urlsafe base64 without padding."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=2**27)

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")

    return f"scrypt${n}${r}${p}${b64(salt)}${b64(digest)}"


def argon2_text(m: int, t: int, p: int, kind: str = "argon2id") -> str:
    return f"${kind}$v=19$m={m},t={t},p={p}${SALT}${DIGEST}"
