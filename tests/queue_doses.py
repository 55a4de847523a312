"""Doses in every work state, made through the services as the IV room makes them.

Each patient (170 cm, 70 kg: 1.82 m²) gets cycle 1 starting on TODAY, so Day 1 (1.46 mg,
2 vials, 5.84 mL) is due today; one more patient's cycle started a week earlier, so their Day 8
is due tomorrow. The store's clock must read NOW (a bag is made on its dose's own day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.bench.bench_marks import BenchEvent
from ino_desk.domain.bench.preparation import DilutedStorage
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.patients.labs import Measurement
from ino_desk.domain.patients.patient import Patient, Sex
from ino_desk.domain.records import DocumentKind
from ino_desk.domain.staff.signatures import CheckedFigures
from ino_desk.domain.staff.users import Role
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.paperwork.documents import record_document
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput
from ino_desk.services.planning.doses import confirm_dose_given, record_dose_status
from ino_desk.services.preparing.bench import mark_time, save_preparation
from ino_desk.services.preparing.bench_vials import scan_vial
from ino_desk.services.staff.signing import double_check, sign_prepared, verify_order
from tests.people import cheap_passwords, pharmacist, stored_user

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

TODAY = date(2026, 3, 2)
TOMORROW = TODAY + timedelta(days=1)
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
RECONSTITUTED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
GS = "\x1d"
VIAL = "0100300080100011172812311" + "0ABC123" + GS + "21"  # lot ABC123, then the serial
VERIFIER, PREPARER, CHECKER = "pharm.v", "tech.t", "pharm.c"
PASSWORDS = {
    VERIFIER: "verifier-passphrase",
    PREPARER: "preparer-passphrase",
    CHECKER: "checker-passphrase",
}
RIGHT = CheckedFigures(Decimal("1.46"), Decimal("5.84"), 2, "ABC123")


@dataclass(frozen=True, slots=True)
class QueueDose:
    patient_id: int
    dose_id: int
    name: str  # "Family, Given" as the queue shows it


def _people(store: Store) -> dict[str, User]:
    roles = {VERIFIER: Role.PHARMACIST, PREPARER: Role.TECHNICIAN, CHECKER: Role.PHARMACIST}
    return {name: stored_user(store, name, role, PASSWORDS[name]) for name, role in roles.items()}


def patient_dose(
    store: Store, rules: ClinicalRules, mrn: str, family: str, start: date, day: int = 1
) -> QueueDose:
    """A patient with cycle 1 from `start`; the dose of `day`."""
    who = pharmacist(store)
    p = register_patient(
        store, Patient(mrn, family, "Ann", date(1980, 1, 1), Sex.FEMALE, True, "", "ALL"), who
    )
    assert p.id is not None
    m = record_measurement(store, Measurement(p.id, start, Decimal(170), Decimal(70)), who)
    course = start_course(store, p.id, start, False, who)
    assert course.id is not None
    assert m.id is not None
    given = CycleInput(course.id, m.id, start, prescriber_name="Dr Test Prescriber")
    saved = save_next_cycle(store, rules, given, Reduction(), who)
    dose = next(d for d in saved.doses if d.day == day)
    assert dose.id is not None
    return QueueDose(p.id, dose.id, f"{family}, Ann")


def _bag(store: Store, rules: ClinicalRules, dose_id: int, serial: str) -> None:
    """Verified, two vials, reconstituted 08:00, diluted 08:30 (room), signed, checked."""
    users = _people(store)
    tech = users[PREPARER]
    verify_order(store, rules, VERIFIER, PASSWORDS[VERIFIER], dose_id)
    for n in (1, 2):
        scan_vial(store, rules, dose_id, f"{VIAL}{serial}-{n}", tech, TODAY)
    mark_time(store, rules, dose_id, BenchEvent.RECONSTITUTED, RECONSTITUTED, tech)
    diluted = RECONSTITUTED + timedelta(minutes=30)
    room = DilutedStorage.ROOM_TEMPERATURE
    mark_time(store, rules, dose_id, BenchEvent.DILUTED, diluted, tech, room)
    sign_prepared(store, rules, PREPARER, PASSWORDS[PREPARER], dose_id)
    double_check(store, rules, CHECKER, PASSWORDS[CHECKER], dose_id, RIGHT, compare_lot=True)


def doses_in_each_state(store: Store, rules: ClinicalRules) -> dict[str, QueueDose]:
    """Keyed by the state each dose is left in; `tomorrow` is an ordered Day 8.

    Made through a store on the same database with the tests' cheap password hashes: a
    product-cost store would spend ~20 argon2 runs on the signatures, and the states do not
    depend on the cost (later checks of these passwords need a cheap store too)."""
    if isinstance(store, SqlStore):
        store = SqlStore(store.database, clock=lambda: NOW, passwords=cheap_passwords())
    who = pharmacist(store)
    users = _people(store)
    names = ("Ordered", "Verified", "Preparing", "Checked", "Labelled", "Given", "Held")
    made = {
        name.lower(): patient_dose(store, rules, f"MRN-{n}", name, TODAY)
        for n, name in enumerate((*names, "Omitted"), start=1)
    }
    made["tomorrow"] = patient_dose(store, rules, "MRN-9", "Tomorrow", TOMORROW - timedelta(7), 8)
    verify_order(store, rules, VERIFIER, PASSWORDS[VERIFIER], made["verified"].dose_id)
    preparing = made["preparing"].dose_id
    verify_order(store, rules, VERIFIER, PASSWORDS[VERIFIER], preparing)
    tech = users[PREPARER]
    mark_time(store, rules, preparing, BenchEvent.RECONSTITUTED, RECONSTITUTED, tech)
    _bag(store, rules, made["checked"].dose_id, "C")
    labelled = made["labelled"].dose_id
    _bag(store, rules, labelled, "L")
    save_preparation(store, rules, labelled, NOW, tech)
    record_document(store, DocumentKind.BAG_LABEL, "0" * 64, who, dose_id=labelled)
    confirm_dose_given(store, rules, made["given"].dose_id, who, "given elsewhere (test)", on=TODAY)
    record_dose_status(store, rules, made["held"].dose_id, DoseStatus.HELD, who, "grade 3 toxicity")
    omitted = made["omitted"].dose_id
    record_dose_status(store, rules, omitted, DoseStatus.OMITTED, who, "grade 3 toxicity")
    return made
