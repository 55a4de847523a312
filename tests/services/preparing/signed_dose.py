"""Three people with passwords and a verified Day 1 dose, for the signed bench tests.

Patient 170 cm, 70 kg: BSA √(170×70/3600) = 1.818… → 1.82 m². Cycle 1 Day 1:
0.8 mg/m² × 1.82 = 1.456 → 1.46 mg; vials ⌈1.46 / 0.9⌉ = 2; drug volume 1.46 / 0.25 = 5.84 mL;
vial residue 2 × 0.9 − 1.46 = 0.34 mg.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ino_desk.domain.bench.bench_marks import BenchEvent
from ino_desk.domain.bench.preparation import DilutedStorage
from ino_desk.domain.staff.signatures import CheckedFigures
from ino_desk.domain.staff.users import Role
from ino_desk.services.preparing.bench import bench_dose, mark_time, save_preparation
from ino_desk.services.preparing.bench_vials import scan_vial
from ino_desk.services.staff.signing import double_check, sign_prepared, verify_order
from tests.people import stored_user
from tests.persistence.factories import first_cycle

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.domain.records import PreparationRecord
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

GS = "\x1d"
CODE = "0100300080100011172812311" + "0ABC123" + GS + "21"  # lot ABC123, exp 2028-12-31 + serial
VERIFIER, PREPARER, CHECKER = "pharm.v", "tech.t", "pharm.c"
PASSWORDS = {
    VERIFIER: "verifier-passphrase",
    PREPARER: "preparer-passphrase",
    CHECKER: "checker-passphrase",
}


def people(store: Store) -> dict[str, User]:
    roles = {VERIFIER: Role.PHARMACIST, PREPARER: Role.TECHNICIAN, CHECKER: Role.PHARMACIST}
    return {name: stored_user(store, name, role, PASSWORDS[name]) for name, role in roles.items()}


def day1(store: Store, rules: ClinicalRules, *, verified: bool = True) -> int:
    dose_id = first_cycle(store, rules).doses[0].id
    assert dose_id is not None
    if verified:
        verify_order(store, rules, VERIFIER, PASSWORDS[VERIFIER], dose_id)
    return dose_id


def saved_bag(
    store: Store,
    rules: ClinicalRules,
    dose_id: int,
    serial: str,
    reconstituted: datetime,
    tech: User,
) -> PreparationRecord:
    """The dose's bag made as the bench makes it, on the store clock's day (the dose's own):
    verified, two vials scanned, reconstituted, diluted 30 minutes later (room), signed
    prepared, double-checked with agreeing figures, saved an hour after reconstitution.
    `tech` is `people(store)[PREPARER]`."""
    verify_order(store, rules, VERIFIER, PASSWORDS[VERIFIER], dose_id)
    for n in (1, 2):
        scan_vial(store, rules, dose_id, f"{CODE}{serial}-{n}", tech, reconstituted.date())
    mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, reconstituted, tech)
    diluted = reconstituted + timedelta(minutes=30)
    room = DilutedStorage.ROOM_TEMPERATURE
    mark_time(store, rules, dose_id, BenchEvent.DILUTED, diluted, tech, room)
    sign_prepared(store, rules, PREPARER, PASSWORDS[PREPARER], dose_id)
    dose = bench_dose(store, rules, dose_id).dose
    agreed = CheckedFigures(dose.dose_mg, dose.drug_volume_ml, dose.vials, "ABC123")
    double_check(store, rules, CHECKER, PASSWORDS[CHECKER], dose_id, agreed, compare_lot=True)
    return save_preparation(store, rules, dose_id, reconstituted + timedelta(hours=1), tech)
