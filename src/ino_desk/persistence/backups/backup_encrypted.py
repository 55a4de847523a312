"""Backups under the site's backup passphrase: written and read through `backup_crypto`.

The database is first copied with SQLite's backup API to an owner-only temporary file beside
the backup (SQLite needs a file to copy into), then sealed chunk by chunk into a second
temporary file that gets the backup's name in one step; both temporary names carry the
process id, so what a kill leaves is cleaned at the next start (`leftovers`). A restore
decrypts straight into the staged copy beside the database: the size rule of `restore` holds.
"""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

from ino_desk.persistence.audit.anchor_log import head_of_file
from ino_desk.persistence.backups.backup_crypto import (
    DamagedBackupError,
    WrongPassphraseError,
    decrypt_file,
    encrypt_file,
)
from ino_desk.persistence.sqlite.leftovers import PARTIAL
from ino_desk.safe_files import create_private_empty, fsync_folder, link_no_clobber
from ino_desk.services.store_errors import BackupRefusedError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ino_desk.domain.printed.audit_anchors import AuditAnchor

SIDE = ("", "-wal", "-shm", "-journal")


def site_backup_key(source: sqlite3.Connection) -> str | None:
    """The site's backup key, or None (no passphrase set, or a schema from before r0019)."""
    try:
        row = source.execute("SELECT backup_key FROM site_settings WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    return None if row is None or row[0] is None else str(row[0])


def _remove(path: Path) -> None:
    for suffix in SIDE:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def write_encrypted(copy: Callable[[Path], None], dest: Path, site_key: str) -> AuditAnchor | None:
    """`copy(path)` writes the plain copy; the sealed backup appears at `dest` (never over an
    existing file). Returns the backup's audit head for the anchor log."""
    pid = os.getpid()
    plain = dest.with_name(f".{dest.name}.plain{PARTIAL}{pid}")
    sealed = dest.with_name(f"{dest.name}{PARTIAL}{pid}")
    _remove(plain)
    _remove(sealed)
    try:
        copy(plain)
        head = head_of_file(plain)
        create_private_empty(sealed)
        with sealed.open("r+b") as target:
            encrypt_file(plain, target, site_key)
            target.flush()
            os.fsync(target.fileno())
        link_no_clobber(sealed, dest)
    finally:
        _remove(plain)
        _remove(sealed)
    fsync_folder(dest.parent)
    return head


def decrypt_into(backup: Path, staging: Path, passphrase: str | None) -> None:
    """The database inside `backup`, owner-only at `staging`; refused with a plain message
    (and nothing left behind) when the passphrase is wrong or the file was changed."""
    if passphrase is None:
        raise BackupRefusedError(
            f"The backup {backup} is encrypted; give the site's backup passphrase to restore "
            "it. Nothing was changed."
        )
    _remove(staging)
    create_private_empty(staging)
    try:
        with staging.open("r+b") as target:
            decrypt_file(backup, target, passphrase)
            target.flush()
            os.fsync(target.fileno())
    except WrongPassphraseError:
        _remove(staging)
        raise BackupRefusedError(
            f"The backup passphrase does not open {backup}. Nothing was changed."
        ) from None
    except DamagedBackupError as exc:
        _remove(staging)
        raise BackupRefusedError(
            f"The encrypted backup {backup} cannot be restored: {exc}. Nothing was changed."
        ) from None
    except BaseException:
        _remove(staging)
        raise
