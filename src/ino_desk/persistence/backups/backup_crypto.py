"""Encrypted backups (AES-256-GCM, PyCA `cryptography`) under the site's backup passphrase.

Backups are also taken when nobody is there to type a passphrase (at start-up, before an
upgrade), so the passphrase does not encrypt them directly. Setting it makes a site key pair
(X25519): the public key encrypts every backup; the private key is kept only wrapped under a
key scrypt derives from the passphrase with a random salt (AES-GCM). The database holds the
public key and the wrapped private key — the passphrase's verifier, never the passphrase.

A file is MAGIC, a 4-byte header length, the header (JSON: scrypt salt and cost, the wrapped
private key, this backup's ephemeral public key, the nonce prefix), then chunks of at most
CHUNK bytes, each sealed with its number and a last-chunk flag in the nonce and the header's
hash as associated data: a changed header, a changed, reordered or dropped chunk, or a cut
end fails to decrypt. Memory stays at one chunk whatever the database's size. Restoring
needs only the file and the passphrase.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from typing import TYPE_CHECKING, Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ino_desk.safe_files import ENCRYPTED_BACKUP_MAGIC as MAGIC

if TYPE_CHECKING:
    from pathlib import Path

CHUNK = 1 << 20  # 1 MiB of database per sealed chunk
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 17, 8, 1  # OWASP's minimum for scrypt
SCRYPT_N_LIMITS = (1 << 17, 1 << 20)  # a header asking for less or more is refused
WRAP_AAD = b"ino-desk backup site key v1"
HKDF_INFO = b"ino-desk backup data key v1"
MAX_HEADER = 4096


class WrongPassphraseError(Exception):
    """The passphrase does not open the backup (or the site's key)."""


class DamagedBackupError(Exception):
    """The encrypted backup was changed, cut short or is not one; `str()` says which."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise DamagedBackupError("its header is not readable")
    return base64.b64decode(text, validate=True)


def _passphrase_key(passphrase: str, salt: bytes, n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=SCRYPT_R, p=SCRYPT_P).derive(
        passphrase.encode("utf-8")
    )


def new_site_key(passphrase: str) -> str:
    """The text the database keeps for a new passphrase: public key and wrapped private key."""
    private = X25519PrivateKey.generate()
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(_passphrase_key(passphrase, salt, SCRYPT_N)).encrypt(
        nonce, private.private_bytes_raw(), WRAP_AAD
    )
    return json.dumps(
        {
            "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt),
            "wrap_nonce": _b64(nonce), "wrapped_key": _b64(wrapped),
            "public": _b64(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)),
        },
        sort_keys=True,
    )  # fmt: skip


def passphrase_opens(site_key: str, passphrase: str) -> bool:
    """The verifier check: does `passphrase` unwrap the stored site key?"""
    try:
        _unwrap(json.loads(site_key), passphrase)
    except (WrongPassphraseError, DamagedBackupError, ValueError):
        return False
    return True


def _unwrap(key: dict[str, Any], passphrase: str) -> X25519PrivateKey:
    n = key.get("n")
    if not isinstance(n, int) or not SCRYPT_N_LIMITS[0] <= n <= SCRYPT_N_LIMITS[1]:
        raise DamagedBackupError("its key derivation cost is outside the allowed bounds")
    if (key.get("kdf"), key.get("r"), key.get("p")) != ("scrypt", SCRYPT_R, SCRYPT_P):
        raise DamagedBackupError("it names a key derivation this ino-desk does not use")
    try:
        raw = AESGCM(_passphrase_key(passphrase, _unb64(key["salt"]), n)).decrypt(
            _unb64(key["wrap_nonce"]), _unb64(key["wrapped_key"]), WRAP_AAD
        )
    except InvalidTag:
        raise WrongPassphraseError from None
    except (KeyError, ValueError):
        raise DamagedBackupError("its header is not readable") from None
    return X25519PrivateKey.from_private_bytes(raw)


def _data_key(shared: bytes, ephemeral: bytes, public: bytes) -> AESGCM:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO + ephemeral + public
    ).derive(shared)
    return AESGCM(derived)


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">I?", number, last)  # 7 + 4 + 1 = 12 bytes


def encrypt_file(plain: Path, target: BinaryIO, site_key: str) -> None:
    """Write `plain` to `target` encrypted for the site's public key, chunk by chunk."""
    stored = json.loads(site_key)
    public = _unb64(stored["public"])
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    aead = _data_key(
        ephemeral.exchange(X25519PublicKey.from_public_bytes(public)), ephemeral_public, public
    )
    prefix = os.urandom(7)
    header = dict(stored, ephemeral=_b64(ephemeral_public), prefix=_b64(prefix), chunk=CHUNK)
    head = json.dumps(header, sort_keys=True).encode("utf-8")
    target.write(MAGIC + struct.pack(">I", len(head)) + head)
    aad = hashlib.sha256(MAGIC + head).digest()
    with plain.open("rb") as source:
        number, block = 0, source.read(CHUNK)
        while True:
            following = source.read(CHUNK)
            sealed = aead.encrypt(_nonce(prefix, number, not following), block, aad)
            target.write(struct.pack(">I", len(sealed)) + sealed)
            if not following:
                return
            number, block = number + 1, following


def _read_exact(source: BinaryIO, size: int) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise DamagedBackupError("it is cut short")
    return data


def decrypt_file(backup: Path, target: BinaryIO, passphrase: str) -> None:
    """Write the database inside `backup` to `target`; WrongPassphraseError or
    DamagedBackupError before anything unauthenticated would count as restored."""
    with backup.open("rb") as source:
        if source.read(len(MAGIC)) != MAGIC:
            raise DamagedBackupError("it is not an encrypted ino-desk backup")
        (size,) = struct.unpack(">I", _read_exact(source, 4))
        if size > MAX_HEADER:
            raise DamagedBackupError("its header is not readable")
        head = _read_exact(source, size)
        try:
            header = json.loads(head)
            private = _unwrap(header, passphrase)
            ephemeral, public = _unb64(header["ephemeral"]), _unb64(header["public"])
            prefix, chunk = _unb64(header["prefix"]), int(header["chunk"])
        except (KeyError, ValueError, TypeError):
            raise DamagedBackupError("its header is not readable") from None
        if len(prefix) != 7 or not 0 < chunk <= 64 * CHUNK:
            raise DamagedBackupError("its header is not readable")
        aead = _data_key(
            private.exchange(X25519PublicKey.from_public_bytes(ephemeral)), ephemeral, public
        )
        aad = hashlib.sha256(MAGIC + head).digest()
        number = 0
        while True:
            (length,) = struct.unpack(">I", _read_exact(source, 4))
            if length > chunk + 16:
                raise DamagedBackupError("it was changed after it was written")
            sealed = _read_exact(source, length)
            last = not source.peek(1)
            try:
                target.write(aead.decrypt(_nonce(prefix, number, last), sealed, aad))
            except InvalidTag:
                raise DamagedBackupError("it was changed after it was written") from None
            if last:
                return
            number += 1
