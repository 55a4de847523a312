"""Who may write: every write use case checks the signed-in user's rights in its own transaction.

The check re-reads the user from the store, so a user disabled or re-roled by an
administrator loses the right at once, on every workstation, whatever the screen still shows.
The GUI may hide what a role cannot do; the refusal that counts is this one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.services.ports.change import Change

if TYPE_CHECKING:
    from ino_desk.domain.staff.users import Permission, User
    from ino_desk.services.ports.store import UnitOfWork


def acting(uow: UnitOfWork, who: User, permission: Permission) -> User:
    """The user as stored now, after PermissionDeniedError if they may not do this."""
    current = uow.users.get(who.id).user
    current.require(permission)
    return current


def change_by(uow: UnitOfWork, who: User, permission: Permission, reason: str = "") -> Change:
    """The audit entry of a permitted write, under the user name of who made it."""
    return Change(acting(uow, who, permission).username, reason)
