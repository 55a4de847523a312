"""The site's laboratory code table: list it (the defaults stored on first use) and confirm a
code once the site has checked it against its laboratory's catalogue."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.staff.users import Permission
from ino_desk.services.lab_feed.lab_import import site_codes
from ino_desk.services.planning.authority import change_by
from ino_desk.services.store_errors import NotFoundError

if TYPE_CHECKING:
    from ino_desk.domain.patients.lab_units import LabCode
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def lab_codes(store: Store) -> list[LabCode]:
    def action(uow: UnitOfWork) -> list[LabCode]:
        site_codes(uow)
        return uow.lab_codes.all()

    return store.write(action)


def confirm_lab_code(store: Store, code: str, who: User) -> LabCode:
    def action(uow: UnitOfWork) -> LabCode:
        change = change_by(uow, who, Permission.CHANGE_SETTINGS, f"LOINC {code} confirmed")
        site_codes(uow)
        found = next((c for c in uow.lab_codes.all() if c.code == code.strip()), None)
        if found is None:
            raise NotFoundError(f"LOINC code {code} is not in the site's table.")
        return uow.lab_codes.update(replace(found, confirmed=True), change)

    return store.write(action)
