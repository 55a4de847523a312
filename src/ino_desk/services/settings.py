"""Use cases: read and change the site settings the GUI and the command line share."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.bench.syringe import SyringeMethod
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.site_settings import SiteSettings
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def load_settings(store: Store) -> SiteSettings:
    return store.read(lambda uow: uow.settings.get())


def save_settings(
    store: Store,
    settings: SiteSettings,
    who: User,
    reason: str,
    rules: ClinicalRules | None = None,
) -> SiteSettings:
    """Settings change printouts and plans, so every change is audited with its reason.

    A changed syringe method (PI 2.4, site-entered) is checked against the label pack's
    limits on any preparation, so it needs `rules`.
    """
    return _save(store, lambda _stored: settings, who, reason, rules)


def save_syringe_method(
    store: Store,
    rules: ClinicalRules,
    method: SyringeMethod | None,
    who: User,
    reason: str,
) -> SiteSettings:
    """The PI 2.4 syringe parameters an administrator typed from the site's PI (None: clear
    them), the other settings unchanged; audited old → new with the reason."""
    return _save(store, lambda stored: replace(stored, syringe=method), who, reason, rules)


def _save(
    store: Store,
    changed: Callable[[SiteSettings], SiteSettings],
    who: User,
    reason: str,
    rules: ClinicalRules | None,
) -> SiteSettings:
    if not reason.strip():
        raise InputError("reason", "say why the settings change")

    def action(uow: UnitOfWork) -> SiteSettings:
        change = change_by(uow, who, Permission.CHANGE_SETTINGS, reason.strip())
        stored = uow.settings.get()
        settings = changed(stored)
        if settings.syringe is not None and settings.syringe != stored.syringe:
            if rules is None:
                raise InputError("syringe method", "cannot be checked without the label pack")
            settings.syringe.check_against(rules)
        return uow.settings.save(settings, change)

    return store.write(action)
