"""Use case: the site's backup passphrase (administrators only; see docs/architecture.md).

Once set, every backup (`db backup`, at start-up, before an upgrade) is encrypted and a
restore asks for it. The passphrase is never stored: the database keeps a key it unwraps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork

MIN_LENGTH = 12
MAX_LENGTH = 1024


def check_passphrase(passphrase: str) -> str:
    """A typing error named, never saved: the backups could not be opened with it."""
    if not MIN_LENGTH <= len(passphrase) <= MAX_LENGTH:
        raise InputError("backup passphrase", f"allowed {MIN_LENGTH} to {MAX_LENGTH} characters")
    if any(not c.isprintable() for c in passphrase):
        raise InputError("backup passphrase", "control characters are not allowed")
    return passphrase


def set_backup_passphrase(store: Store, who: User, passphrase: str | None, reason: str) -> None:
    """Encrypt backups under `passphrase` from now on; None turns encryption off."""
    if not reason.strip():
        raise InputError("reason", "say why the backup passphrase changes")
    if passphrase is not None:
        check_passphrase(passphrase)

    def action(uow: UnitOfWork) -> None:
        change = change_by(uow, who, Permission.CHANGE_SETTINGS, reason.strip())
        uow.settings.set_backup_passphrase(passphrase, change)

    store.write(action)


def backups_encrypted(store: Store) -> bool:
    return store.read(lambda uow: uow.settings.has_backup_passphrase())
