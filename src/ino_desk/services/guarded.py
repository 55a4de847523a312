"""Role-checked siblings of existing write use cases: the service refuses, not only the GUI.

Each takes the signed-in `User`, re-reads that user's role and active flag from the store,
checks the permission, then runs the existing use case under the user's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.users import Permission, User
from ino_desk.services.doses import record_dose_status
from ino_desk.services.preparations import record_preparation
from ino_desk.services.settings import save_settings

if TYPE_CHECKING:
    from decimal import Decimal

    from ino_desk.domain.course import DoseDay, DoseStatus
    from ino_desk.domain.records import PreparationRecord
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.site_settings import SiteSettings
    from ino_desk.services.ports import Store


def current_user(store: Store, user: User) -> User:
    """The user as stored now: a disabled or re-roled user loses rights at once."""
    return store.read(lambda uow: uow.users.get(user.id).user)


def require(store: Store, user: User, permission: Permission) -> User:
    """The current user, or PermissionDeniedError naming what was refused."""
    current = current_user(store, user)
    current.require(permission)
    return current


def record_preparation_as(
    store: Store, preparation: PreparationRecord, user: User
) -> PreparationRecord:
    who = require(store, user, Permission.RECORD_PREPARATION)
    return record_preparation(store, preparation, who.username)


def save_settings_as(store: Store, settings: SiteSettings, user: User, reason: str) -> SiteSettings:
    who = require(store, user, Permission.CHANGE_SETTINGS)
    return save_settings(store, settings, who.username, reason)


def record_dose_status_as(
    store: Store,
    rules: ClinicalRules,
    dose_id: int,
    status: DoseStatus,
    user: User,
    reason: str = "",
    reduced_dose_mg: Decimal | None = None,
) -> DoseDay:
    who = require(store, user, Permission.RECORD_DOSES)
    return record_dose_status(store, rules, dose_id, status, who.username, reason, reduced_dose_mg)
