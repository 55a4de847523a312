"""What storage raises, in words a pharmacist can act on; a module of its own (re-exported by
`ports`) so the composition root can catch these before anything else is imported."""

from __future__ import annotations

__all__ = [
    "BackupRefusedError",
    "ConflictError",
    "NotFoundError",
    "StoreError",
    "StoreUnavailableError",
]


class StoreError(Exception):
    """Storage refused or failed; `message` is plain words a pharmacist can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreUnavailableError(StoreError):
    """The database cannot be opened (unreadable, not a database, newer schema, read-only)."""


class BackupRefusedError(StoreError):
    """An encrypted backup not restored: wrong passphrase, or the file was changed."""


class NotFoundError(StoreError):
    """A record asked for by id does not exist."""


class ConflictError(StoreError):
    """The action clashes with what is stored (e.g. an MRN already registered)."""
