"""The billing report's read: the month's doses with every waste record of each."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from ino_desk.domain.bench.waste import WasteRecord
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.persistence.records import (
    CourseRecord,
    CycleRecord,
    DoseDayRecord,
    PatientRecord,
    WasteRecordRow,
)
from ino_desk.services.ports.billing import BilledDose

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session


def _waste(row: WasteRecordRow) -> WasteRecord:
    return WasteRecord(
        dose_id=row.dose_id,
        kind=row.kind,
        vials=row.vials,
        discarded_mg=row.discarded_mg,
        reason=row.reason,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        id=row.id,
    )


class SqlBillingQueries:
    def __init__(self, session: Session) -> None:
        self._session = session

    def doses_to_bill(self, start: datetime, end: datetime) -> list[BilledDose]:
        d, c, k, p, w = DoseDayRecord, CycleRecord, CourseRecord, PatientRecord, WasteRecordRow
        # UtcDateTime stores fixed-width UTC text, so comparing it compares instants.
        wasted_then = select(w.dose_id).where(w.recorded_at >= start, w.recorded_at < end)
        given_then = (d.status == DoseStatus.GIVEN) & (d.decided_at >= start) & (d.decided_at < end)
        not_given_but_wasted = (d.status != DoseStatus.GIVEN) & d.id.in_(wasted_then)
        stmt = (
            select(d, p.mrn, p.family_name, p.given_name, c.number)
            .join(c, d.cycle_id == c.id)
            .join(k, c.course_id == k.id)
            .join(p, k.patient_id == p.id)
            .where(or_(given_then, not_given_but_wasted))
            .order_by(p.mrn, d.planned_date, d.id)
        )
        rows = list(self._session.execute(stmt))
        ids = [row[0].id for row in rows]
        waste: dict[int, list[WasteRecord]] = defaultdict(list)
        if ids:
            for record in self._session.scalars(
                select(w).where(w.dose_id.in_(ids)).order_by(w.recorded_at, w.id)
            ):
                waste[record.dose_id].append(_waste(record))
        return [
            BilledDose(
                dose_id=dose.id,
                mrn=mrn,
                patient_name=f"{family}, {given}",
                cycle_number=number,
                day=dose.day,
                planned_date=dose.planned_date,
                status=dose.status,
                dose_mg=dose.dose_mg,
                vials=dose.vials,
                given_at=dose.decided_at if dose.status is DoseStatus.GIVEN else None,
                waste=tuple(waste[dose.id]),
            )
            for dose, mrn, family, given, number in rows
        ]
