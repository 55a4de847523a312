"""Test data builders and fixtures for a real SQLite store in a temporary folder."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.patients.labs import LabResult, Measurement
from ino_desk.domain.patients.patient import Patient, Sex
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput, SavedCycle
from tests.people import cheap_passwords, pharmacist
from tests.templates import from_template

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.sqlite.sqlite_engine import Database

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
WHO = "pharm.a"
PLANNER = "pharm.planner"  # separation of duties: the planner never verifies


def patient(mrn: str = "MRN-1001", family: str = "Quillfeather", given: str = "Ada") -> Patient:
    return Patient(
        mrn=mrn,
        family_name=family,
        given_name=given,
        date_of_birth=date(1979, 5, 17),
        sex=Sex.FEMALE,
        no_known_allergies=True,
        allergies="",
        diagnosis="relapsed B-ALL",
    )


def measurement(patient_id: int, height: str = "170", weight: str = "70") -> Measurement:
    return Measurement(patient_id, date(2026, 3, 1), Decimal(height), Decimal(weight))


def lab(patient_id: int) -> LabResult:
    return LabResult(
        patient_id,
        date(2026, 3, 1),
        anc_10e9_per_l=Decimal("1.20"),
        platelets_10e9_per_l=Decimal("85"),
        platelets_transfused_since=False,
        total_bilirubin=Decimal("0.9"),
        total_bilirubin_uln=Decimal("1.2"),
        ast_u_per_l=Decimal("31"),
        ast_uln_u_per_l=Decimal("40"),
        alt_u_per_l=Decimal("28"),
        alt_uln_u_per_l=Decimal("45"),
        peripheral_blasts_per_mm3=Decimal("1500"),
    )


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_cycle(store: SqlStore, rules: ClinicalRules, mrn: str = "MRN-1001") -> SavedCycle:
    """A patient (170 cm, 70 kg), a course without HSCT and its planned cycle 1."""
    p = register_patient(store, patient(mrn), pharmacist(store))
    assert p.id is not None
    m = record_measurement(store, measurement(p.id), pharmacist(store))
    assert m.id is not None
    course = start_course(store, p.id, date(2026, 3, 2), False, pharmacist(store))
    assert course.id is not None
    given = CycleInput(course.id, m.id, date(2026, 3, 2), prescriber_name="Dr Test Prescriber")
    # Planned by its own pharmacist: whoever verifies it later must be someone else.
    return save_next_cycle(store, rules, given, Reduction(), pharmacist(store, PLANNER))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ino-desk.sqlite3"


@pytest.fixture
def database(db_path: Path, tmp_path: Path, template_database: Path) -> Iterator[Database]:
    from_template(template_database, db_path)
    db = open_database(db_path, backups_dir=tmp_path / "backups")
    yield db
    db.close()


@pytest.fixture
def store(database: Database) -> SqlStore:
    return SqlStore(database, clock=lambda: NOW, passwords=cheap_passwords())
