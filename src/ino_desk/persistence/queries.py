"""Read models for the screens, each one indexed query (patient search, doses due)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ino_desk.persistence.records import CourseRecord, CycleRecord, DoseDayRecord, PatientRecord
from ino_desk.persistence.search_keys import fold, name_prefix, prefix_end
from ino_desk.services.ports import DueDoseRow, PatientRow

if TYPE_CHECKING:
    from datetime import date

    from sqlalchemy.orm import Session


class SqlQueries:
    def __init__(self, session: Session) -> None:
        self._session = session

    def search_patients(self, text: str, limit: int) -> list[PatientRow]:
        """MRN matches first, then name matches; each a range scan on its folded-key index."""
        p = PatientRecord
        columns = (p.id, p.mrn, p.family_name, p.given_name, p.date_of_birth)
        mrn = fold(text)
        by_mrn = (
            select(*columns)
            .where(p.mrn_key >= mrn, p.mrn_key < prefix_end(mrn))
            .order_by(p.mrn_key)
            .limit(limit)
        )
        name = name_prefix(text)
        by_name = (
            select(*columns)
            .where(p.name_key >= name, p.name_key < prefix_end(name))
            .order_by(p.name_key, p.id)
            .limit(limit)
        )
        found: dict[int, PatientRow] = {}
        for stmt in (by_mrn, by_name):
            for row in self._session.execute(stmt):
                found.setdefault(row.id, PatientRow(*row))
        return list(found.values())[:limit]

    def doses_due(self, first: date, last: date, limit: int) -> list[DueDoseRow]:
        d, c, k, p = DoseDayRecord, CycleRecord, CourseRecord, PatientRecord
        stmt = (
            select(
                d.id,
                p.id,
                p.mrn,
                p.family_name,
                p.given_name,
                c.id,
                c.number,
                d.day,
                d.planned_date,
                d.dose_mg,
                d.status,
            )
            .join(c, d.cycle_id == c.id)
            .join(k, c.course_id == k.id)
            .join(p, k.patient_id == p.id)
            .where(d.planned_date >= first, d.planned_date <= last)
            .order_by(d.planned_date, p.name_key, d.id)
            .limit(limit)
        )
        return [
            DueDoseRow(
                dose_id=row[0],
                patient_id=row[1],
                mrn=row[2],
                patient_name=f"{row[3]}, {row[4]}",
                cycle_id=row[5],
                cycle_number=row[6],
                day=row[7],
                planned_date=row[8],
                dose_mg=row[9],
                status=row[10],
            )
            for row in self._session.execute(stmt)
        ]

    def patient_count(self) -> int:
        return int(self._session.execute(select(func.count(PatientRecord.id))).scalar_one())
