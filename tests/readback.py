"""Read-backs the tests use to see what a service stored. The product reads these records
inside its own units of work, so they live here, not in `ino_desk.services` (issue 15)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ino_desk.domain.cycles.course import Cycle, DoseDay
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.patients.labs import Measurement
from ino_desk.domain.patients.patient import Patient
from ino_desk.domain.printed.documents import CODE_PAYLOAD_PREFIX
from ino_desk.domain.records import ChecklistCompletion
from ino_desk.domain.staff.accounts import DoubleCheckRecord
from ino_desk.services.planning.work_queue import QueueRow, WorkState
from ino_desk.services.ports.store import Store


def cycles_of(store: Store, course_id: int) -> list[Cycle]:
    return store.read(lambda uow: uow.cycles.for_course(course_id))


def doses_of(store: Store, cycle_id: int) -> list[DoseDay]:
    return store.read(lambda uow: uow.doses.for_cycle(cycle_id))


def completed_items(store: Store, dose_id: int) -> list[ChecklistCompletion]:
    return store.read(lambda uow: uow.checklist.for_dose(dose_id))


def latest_measurement(store: Store, patient_id: int) -> Measurement | None:
    found = store.read(lambda uow: in_force(uow.measurements.for_patient(patient_id)))
    return found[0] if found else None


def get_patient(store: Store, patient_id: int) -> Patient:
    return store.read(lambda uow: uow.patients.get(patient_id))


def double_checks_of(store: Store, dose_id: int) -> list[DoubleCheckRecord]:
    return store.read(lambda uow: uow.double_checks.for_dose(dose_id))


def in_states(rows: Iterable[QueueRow], states: Sequence[WorkState]) -> list[QueueRow]:
    """The rows in one of `states`; every row when `states` is empty."""
    return [r for r in rows if not states or r.state in states]


def parse_code_payload(text: str) -> dict[str, str]:
    """Read an order sheet's 2-D code back into its fields; ValueError when it is not ours."""
    prefix, *parts = text.split(";")
    if prefix != CODE_PAYLOAD_PREFIX:
        raise ValueError("not an ino-desk document code")
    fields: dict[str, str] = {}
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep or not key or key in fields:
            raise ValueError(f"malformed field {part!r}")
        fields[key] = value
    return fields
