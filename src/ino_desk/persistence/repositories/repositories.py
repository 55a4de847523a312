"""Repositories: translate records to domain entities and back, auditing every write."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from sqlalchemy import select

from ino_desk.domain.cycles.course import Course, Cycle, DoseDay
from ino_desk.domain.patients.labs import LabResult, Measurement
from ino_desk.domain.patients.patient import Patient
from ino_desk.domain.records import (
    AuditAction,
    ChecklistCompletion,
    DocumentRecord,
    PreparationRecord,
)
from ino_desk.persistence.audit.audit import record_state
from ino_desk.persistence.records import (
    Base,
    ChecklistCompletionRecord,
    CourseRecord,
    CycleRecord,
    DocumentRecordRow,
    DoseDayRecord,
    LabResultRecord,
    MeasurementRecord,
    PatientRecord,
    PreparationRecordRow,
)
from ino_desk.persistence.repositories.error_marks import MARK, mark_columns, mark_of
from ino_desk.persistence.repositories.search_keys import mrn_key, name_key
from ino_desk.persistence.repositories.signature_voiding import void_stale_signatures
from ino_desk.services.store_errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ino_desk.persistence.audit.audit import AuditLog
    from ino_desk.services.ports.change import Change

E = TypeVar("E")


def _stored_fields(domain_type: type[Any]) -> tuple[tuple[str, ...], bool]:
    """The entity's fields stored as columns of the same name, and whether it carries an
    "entered in error" mark (stored as three columns: error_reason, _by, _at). Worked out
    once per type: every unit of work makes each of its ~20 repositories afresh."""
    known = _STORED_FIELDS.get(domain_type)
    if known is None:
        names = [f.name for f in fields(domain_type) if f.name != "id"]
        known = _STORED_FIELDS[domain_type] = (
            tuple(n for n in names if n != MARK),
            MARK in names,
        )
    return known


_STORED_FIELDS: dict[type[Any], tuple[tuple[str, ...], bool]] = {}


R = TypeVar("R", bound=Base)


class SqlRepository(Generic[E, R]):
    """Columns are named like the entity's fields; `id` is the primary key of both."""

    entity: ClassVar[str]
    label: ClassVar[str]
    domain_type: ClassVar[type[Any]]
    record_type: ClassVar[type[Base]]

    def __init__(self, session: Session, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit
        self._names, self._marked = _stored_fields(self.domain_type)

    def _values(self, entity: E) -> dict[str, Any]:
        values = {name: getattr(entity, name) for name in self._names}
        if self._marked:
            values.update(mark_columns(getattr(entity, MARK)))
        return values

    def _to_domain(self, record: R) -> E:
        values = {name: getattr(record, name) for name in self._names}
        if self._marked:
            values[MARK] = mark_of(record)
        return cast("E", self.domain_type(id=record.id, **values))  # type: ignore[attr-defined]

    def _record(self, entity_id: int) -> R:
        record = self._session.get(self.record_type, entity_id)
        if record is None:
            raise NotFoundError(f"No {self.label} with number {entity_id} is stored.")
        return cast("R", record)

    def add(self, entity: E, change: Change) -> E:
        if getattr(entity, "id", None) is not None:
            raise ValueError(f"this {self.label} is already stored")
        record = cast("R", self.record_type(**self._values(entity)))
        self._session.add(record)
        self._session.flush()
        record_id: int = record.id  # type: ignore[attr-defined]
        self._audit.record(
            self.entity, record_id, AuditAction.CREATE, None, record_state(record), change
        )
        return self._to_domain(record)

    def get(self, entity_id: int) -> E:
        return self._to_domain(self._record(entity_id))

    def update(self, entity: E, change: Change) -> E:
        entity_id = getattr(entity, "id", None)
        if entity_id is None:
            raise ValueError(f"this {self.label} was never stored")
        record = self._record(entity_id)
        before = record_state(record)
        for name, value in self._values(entity).items():
            setattr(record, name, value)
        self._session.flush()
        after = record_state(record)
        if after != before:  # saving unchanged data is not a change worth an event
            self._audit.record(self.entity, entity_id, AuditAction.UPDATE, before, after, change)
        return self._to_domain(record)

    def _list(self, *where: Any, order: Any) -> list[E]:
        stmt = select(self.record_type).where(*where).order_by(*order)
        return [self._to_domain(cast("R", r)) for r in self._session.scalars(stmt)]


class SqlPatients(SqlRepository[Patient, PatientRecord]):
    entity, label, domain_type, record_type = "patient", "patient", Patient, PatientRecord

    def _values(self, entity: Patient) -> dict[str, Any]:
        values = super()._values(entity)
        values["mrn_key"] = mrn_key(entity.mrn)
        values["name_key"] = name_key(entity.family_name, entity.given_name)
        return values

    def by_mrn(self, mrn: str) -> Patient | None:
        stmt = select(PatientRecord).where(PatientRecord.mrn == mrn)
        record = self._session.scalars(stmt).one_or_none()
        return None if record is None else self._to_domain(record)


class SqlMeasurements(SqlRepository[Measurement, MeasurementRecord]):
    entity, label, domain_type, record_type = (
        "measurement",
        "measurement",
        Measurement,
        MeasurementRecord,
    )

    def for_patient(self, patient_id: int) -> list[Measurement]:
        r = MeasurementRecord
        return self._list(r.patient_id == patient_id, order=(r.measured_on.desc(), r.id.desc()))


class SqlLabs(SqlRepository[LabResult, LabResultRecord]):
    entity, label, domain_type, record_type = "lab_result", "lab result", LabResult, LabResultRecord

    def for_patient(self, patient_id: int) -> list[LabResult]:
        r = LabResultRecord
        return self._list(r.patient_id == patient_id, order=(r.drawn_on.desc(), r.id.desc()))


class SqlCourses(SqlRepository[Course, CourseRecord]):
    entity, label, domain_type, record_type = "course", "course", Course, CourseRecord

    def for_patient(self, patient_id: int) -> list[Course]:
        r = CourseRecord
        return self._list(r.patient_id == patient_id, order=(r.started_on, r.id))


class SqlCycles(SqlRepository[Cycle, CycleRecord]):
    entity, label, domain_type, record_type = "cycle", "cycle", Cycle, CycleRecord

    def for_course(self, course_id: int) -> list[Cycle]:
        r = CycleRecord
        return self._list(r.course_id == course_id, order=(r.number,))


class SqlDoses(SqlRepository[DoseDay, DoseDayRecord]):
    entity, label, domain_type, record_type = "dose_day", "dose", DoseDay, DoseDayRecord

    def for_cycle(self, cycle_id: int) -> list[DoseDay]:
        r = DoseDayRecord
        return self._list(r.cycle_id == cycle_id, order=(r.day,))

    def update(self, entity: DoseDay, change: Change) -> DoseDay:
        updated = super().update(entity, change)
        # A signature is bound to what was signed: changing the order voids it, audited here.
        void_stale_signatures(self._session, self._audit, updated, change)
        return updated


class SqlChecklist(SqlRepository[ChecklistCompletion, ChecklistCompletionRecord]):
    entity, label, domain_type, record_type = (
        "checklist_completion",
        "checklist entry",
        ChecklistCompletion,
        ChecklistCompletionRecord,
    )

    def for_dose(self, dose_id: int) -> list[ChecklistCompletion]:
        r = ChecklistCompletionRecord
        return self._list(r.dose_id == dose_id, order=(r.id,))


class SqlPreparations(SqlRepository[PreparationRecord, PreparationRecordRow]):
    entity, label, domain_type, record_type = (
        "preparation",
        "preparation",
        PreparationRecord,
        PreparationRecordRow,
    )

    def for_dose(self, dose_id: int) -> list[PreparationRecord]:
        r = PreparationRecordRow
        return self._list(r.dose_id == dose_id, order=(r.id,))


class SqlDocuments(SqlRepository[DocumentRecord, DocumentRecordRow]):
    entity, label, domain_type, record_type = (
        "document",
        "document",
        DocumentRecord,
        DocumentRecordRow,
    )

    def printed(self, kind: str, dose_id: int | None, cycle_id: int | None) -> list[DocumentRecord]:
        r = DocumentRecordRow
        stmt = (
            select(r)
            .where(
                r.kind == kind,
                r.dose_id.is_(None) if dose_id is None else r.dose_id == dose_id,
                r.cycle_id.is_(None) if cycle_id is None else r.cycle_id == cycle_id,
            )
            .order_by(r.id.desc())
        )
        return [self._to_domain(row) for row in self._session.scalars(stmt)]
