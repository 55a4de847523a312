"""Use cases: read and change the site settings the GUI and the command line share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.services.ports import Change

if TYPE_CHECKING:
    from ino_desk.domain.site_settings import SiteSettings
    from ino_desk.services.ports import Store


def load_settings(store: Store) -> SiteSettings:
    return store.read(lambda uow: uow.settings.get())


def save_settings(store: Store, settings: SiteSettings, who: str, reason: str) -> SiteSettings:
    """Settings change printouts and plans, so every change is audited with its reason."""
    if not reason.strip():
        raise InputError("reason", "say why the settings change")
    return store.write(lambda uow: uow.settings.save(settings, Change(who, reason.strip())))
