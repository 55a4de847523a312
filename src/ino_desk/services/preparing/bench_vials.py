"""Use cases of the bench's vial box: a scanned GS1 code or a vial entered by hand, recorded
for one dose on its own day (the course authority refuses any other)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.bench.vial_records import VialUse
from ino_desk.domain.bench.vial_scan import accept_manual, accept_scan, refuse_repeat_without_serial
from ino_desk.domain.course_rules.actions import DoseAct
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by
from ino_desk.services.planning.course_history import refuse_stops_for
from ino_desk.services.preparing.gs1 import read_vial_code

if TYPE_CHECKING:
    from datetime import date

    from ino_desk.domain.bench.vial_scan import AcceptedVial
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def _record_vial(uow: UnitOfWork, dose_id: int, vial: AcceptedVial, who: User) -> VialUse:
    change = change_by(uow, who, Permission.RECORD_PREPARATION)
    use = VialUse(
        dose_id=dose_id,
        gtin=vial.gtin,
        lot=vial.lot,
        expiry=vial.expiry,
        serial=vial.serial,
        source=vial.source,
        manual_reason=vial.manual_reason,
        recorded_by=change.who,
        recorded_at=uow.now(),
    )
    return uow.vial_uses.add(use, change)


def scan_vial(
    store: Store, rules: ClinicalRules, dose_id: int, scanned: str, who: User, today: date
) -> VialUse:
    """Parse, judge and record one scanned vial; VialRefusedError says why it was refused."""
    data = read_vial_code(scanned)

    def action(uow: UnitOfWork) -> VialUse:
        refuse_stops_for(uow, rules, DoseAct.PREPARE, dose_id, today)
        used = {data.serial} if data.serial and uow.vial_uses.serial_used(data.serial) else set()
        vial = accept_scan(rules, data, today, used)
        here = in_force(uow.vial_uses.for_dose(dose_id))
        refuse_repeat_without_serial(vial, {(v.gtin, v.lot, v.expiry, v.serial) for v in here})
        return _record_vial(uow, dose_id, vial, who)

    return store.write(action)


def enter_vial_manually(
    store: Store,
    rules: ClinicalRules,
    dose_id: int,
    lot: str,
    expiry: date,
    reason: str,
    who: User,
    today: date,
) -> VialUse:
    vial = accept_manual(lot, expiry, reason, today)

    def action(uow: UnitOfWork) -> VialUse:
        refuse_stops_for(uow, rules, DoseAct.PREPARE, dose_id, today)
        return _record_vial(uow, dose_id, vial, who)

    return store.write(action)
