"""Repositories of the preparation bench: vials used per dose and discarded drug."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ino_desk.domain.bench.bench_marks import BenchMark
from ino_desk.domain.bench.vial_records import VialUse
from ino_desk.domain.bench.waste import WasteRecord
from ino_desk.persistence.records import (
    BenchMarkRecord,
    CourseRecord,
    CycleRecord,
    DoseDayRecord,
    PatientRecord,
    VialUseRecord,
    WasteRecordRow,
)
from ino_desk.persistence.repositories.repositories import SqlRepository
from ino_desk.services.ports.bench import WasteReportRow
from ino_desk.services.store_errors import ConflictError

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.services.ports.change import Change


class SqlVialUses(SqlRepository[VialUse, VialUseRecord]):
    entity, label, domain_type, record_type = "vial_use", "vial", VialUse, VialUseRecord

    def add(self, entity: VialUse, change: Change) -> VialUse:
        """The serial's UNIQUE constraint is the last word when two workstations record the
        same vial at once: the loser gets a ConflictError saying so, not a database error."""
        try:
            return super().add(entity, change)
        except IntegrityError as exc:
            if "unique" not in str(exc.orig).lower() or "serial" not in str(exc.orig).lower():
                raise
            raise ConflictError(
                f"Vial serial {entity.serial} was recorded at the same moment on another "
                "workstation, so it was not recorded here. Each vial is used once: check the "
                "vial in your hand and scan a different one."
            ) from None

    def for_dose(self, dose_id: int) -> list[VialUse]:
        r = VialUseRecord
        return self._list(r.dose_id == dose_id, order=(r.id,))

    def serial_used(self, serial: str) -> bool:
        r = VialUseRecord
        stmt = select(r.id).where(r.serial == serial, r.error_at.is_(None)).limit(1)
        return self._session.execute(stmt).first() is not None


class SqlWaste(SqlRepository[WasteRecord, WasteRecordRow]):
    entity, label, domain_type, record_type = "waste", "waste record", WasteRecord, WasteRecordRow

    def for_dose(self, dose_id: int) -> list[WasteRecord]:
        r = WasteRecordRow
        return self._list(r.dose_id == dose_id, order=(r.id,))

    def report(self, start: datetime, end: datetime) -> list[WasteReportRow]:
        w, d, c, k, p = WasteRecordRow, DoseDayRecord, CycleRecord, CourseRecord, PatientRecord
        # UtcDateTime stores fixed-width UTC text, so comparing it compares instants.
        stmt = (
            select(w, p.mrn, p.family_name, p.given_name, c.number, d.day)
            .join(d, w.dose_id == d.id)
            .join(c, d.cycle_id == c.id)
            .join(k, c.course_id == k.id)
            .join(p, k.patient_id == p.id)
            .where(w.recorded_at >= start, w.recorded_at < end)
            .order_by(w.recorded_at, w.id)
        )
        return [
            WasteReportRow(
                record=self._to_domain(row[0]),
                mrn=row[1],
                patient_name=f"{row[2]}, {row[3]}",
                cycle_number=row[4],
                day=row[5],
            )
            for row in self._session.execute(stmt)
        ]


class SqlBenchMarks(SqlRepository[BenchMark, BenchMarkRecord]):
    entity, label, domain_type, record_type = "bench_mark", "bench time", BenchMark, BenchMarkRecord

    def for_dose(self, dose_id: int) -> list[BenchMark]:
        r = BenchMarkRecord
        return self._list(r.dose_id == dose_id, order=(r.at, r.id))
