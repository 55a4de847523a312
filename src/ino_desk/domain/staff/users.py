"""Users, roles and what each role may do (21 CFR 11.10(d), HIPAA 164.312(a))."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ino_desk.domain.errors import DomainError


class Role(StrEnum):
    PHARMACIST = "pharmacist"
    TECHNICIAN = "technician"
    ADMINISTRATOR = "administrator"
    READ_ONLY = "read-only"  # e.g. a nurse reading the label and records at the bedside

    @property
    def display_name(self) -> str:
        return {
            "pharmacist": "Pharmacist",
            "technician": "Pharmacy technician",
            "administrator": "Administrator",
            "read-only": "Read-only",
        }[self.value]


class Permission(StrEnum):
    READ_RECORDS = "read records"
    EDIT_PATIENTS = "edit patients"
    PLAN_CYCLES = "plan cycles"
    RECORD_DOSES = "record dose status"
    OVERRIDE_FINDINGS = "override blocking findings"
    VERIFY_ORDERS = "verify orders"
    RECORD_PREPARATION = "record preparation"
    DOUBLE_CHECK = "do the independent double check"
    TICK_CHECKLIST = "tick checklist items"
    PRINT_DOCUMENTS = "print documents"
    MANAGE_USERS = "manage users"
    CHANGE_SETTINGS = "change site settings"
    RESTORE_DATABASE = "restore the database from a backup"
    MARK_ENTERED_IN_ERROR = "mark a record entered in error"
    RESOLVE_LAB_MESSAGES = "resolve laboratory messages held for review"


_PHARMACIST = frozenset(Permission) - {
    Permission.MANAGE_USERS,
    Permission.CHANGE_SETTINGS,
    Permission.RESTORE_DATABASE,
}
_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.PHARMACIST: _PHARMACIST,
    Role.TECHNICIAN: frozenset(
        {
            Permission.READ_RECORDS,
            Permission.RECORD_PREPARATION,
            Permission.TICK_CHECKLIST,
            Permission.PRINT_DOCUMENTS,
        }
    ),
    # Administrators run the system; clinical acts stay with clinical roles (separation of duty).
    Role.ADMINISTRATOR: frozenset(
        {
            Permission.READ_RECORDS,
            Permission.MANAGE_USERS,
            Permission.CHANGE_SETTINGS,
            Permission.RESTORE_DATABASE,
        }
    ),
    Role.READ_ONLY: frozenset({Permission.READ_RECORDS}),
}


class PermissionDeniedError(DomainError):
    def __init__(self, user: str, role: Role, permission: Permission) -> None:
        super().__init__(f"{user} ({role.display_name}) may not {permission.value}")
        self.permission = permission


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    full_name: str
    role: Role
    active: bool = True

    def can(self, permission: Permission) -> bool:
        return self.active and permission in _GRANTS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDeniedError(self.username, self.role, permission)
