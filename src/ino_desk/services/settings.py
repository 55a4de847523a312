"""Use cases: read and change the site settings the GUI and the command line share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.users import Permission
from ino_desk.services.authority import change_by

if TYPE_CHECKING:
    from ino_desk.domain.site_settings import SiteSettings
    from ino_desk.domain.users import User
    from ino_desk.services.ports import Store, UnitOfWork


def load_settings(store: Store) -> SiteSettings:
    return store.read(lambda uow: uow.settings.get())


def save_settings(store: Store, settings: SiteSettings, who: User, reason: str) -> SiteSettings:
    """Settings change printouts and plans, so every change is audited with its reason."""
    if not reason.strip():
        raise InputError("reason", "say why the settings change")

    def action(uow: UnitOfWork) -> SiteSettings:
        change = change_by(uow, who, Permission.CHANGE_SETTINGS, reason.strip())
        return uow.settings.save(settings, change)

    return store.write(action)
