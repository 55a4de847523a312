"""Read models for the screens, each a few indexed queries (patient search, doses due, the
work queue)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import and_, bindparam, func, or_, select

from ino_desk.domain.bench.bench_marks import BenchMark
from ino_desk.domain.bench.waste import WasteKind
from ino_desk.domain.cycles.course import DoseDay
from ino_desk.domain.records import DocumentKind, PreparationRecord
from ino_desk.domain.staff.signatures import ORDER_ENTITY
from ino_desk.persistence.records import (
    BenchMarkRecord,
    CourseRecord,
    CycleRecord,
    DocumentRecordRow,
    DoseDayRecord,
    PatientRecord,
    PreparationRecordRow,
    SignatureRecord,
    VialUseRecord,
    WasteRecordRow,
)
from ino_desk.persistence.repositories.error_marks import MARK
from ino_desk.persistence.repositories.search_keys import fold, name_prefix, prefix_end
from ino_desk.services.ports.queue import OrderSignatureFact, QueueDoseFacts, VialDose
from ino_desk.services.ports.store import DueDoseRow, PatientRow

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from sqlalchemy import BindParameter, Executable, Select
    from sqlalchemy.orm import Session

E = TypeVar("E")
T = TypeVar("T")


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

    # ------------------------------------------------------------------ work queue

    def queue_doses(self, first: date, last: date, text: str, limit: int) -> list[Any]:
        """The base query of the work queue: the doses of the dates with their patients,
        as rows (every DoseDay column, then patient id, MRN, family, given, cycle number)."""
        d, c, k, p = DoseDayRecord, CycleRecord, CourseRecord, PatientRecord
        stmt = (
            select(*(getattr(d, name) for name in _DOSE_FIELDS), p.id, p.mrn)
            .add_columns(p.family_name, p.given_name, c.number)
            .join(c, d.cycle_id == c.id)
            .join(k, c.course_id == k.id)
            .join(p, k.patient_id == p.id)
            .where(d.planned_date >= first, d.planned_date <= last)
        )
        if text.strip():
            # The patients' cycles first (a prefix range on a folded key), then their doses in
            # the dates: SQLite would otherwise walk every dose of the dates.
            stmt = stmt.where(d.cycle_id.in_(_cycles_of_patients_matching(text)))
        else:
            stmt = stmt.order_by(d.planned_date, d.id)  # the date index's order: stops at limit
        return list(self._session.execute(stmt.limit(limit)))

    def work_queue(
        self, first: date, last: date, text: str, limit: int
    ) -> tuple[list[QueueDoseFacts], int]:
        d = DoseDayRecord
        rows = self.queue_doses(first, last, text, limit)
        in_dates = (d.planned_date >= first, d.planned_date <= last)
        total = self._session.execute(select(func.count(d.id)).where(*in_dates)).scalar_one()
        width = len(_DOSE_FIELDS)
        ids = [row[_DOSE_ID] for row in rows]
        work = self._work(ids) if ids else _Work({}, {}, {}, {}, {})
        facts = [
            QueueDoseFacts(
                dose=DoseDay(**dict(zip(_DOSE_FIELDS, row[:width], strict=True))),
                patient_id=row[width],
                mrn=row[width + 1],
                patient_name=f"{row[width + 2]}, {row[width + 3]}",
                cycle_number=row[width + 4],
                signatures=work.signatures.get(row[_DOSE_ID], ()),
                marks=work.marks.get(row[_DOSE_ID], ()),
                preparations=work.bags.get(row[_DOSE_ID], ()),
                wasted_at=work.wasted.get(row[_DOSE_ID], ()),
                labels_at=work.labels.get(row[_DOSE_ID], ()),
            )
            for row in rows
        ]
        return facts, int(total)

    def _work(self, ids: list[int]) -> _Work:
        """The doses' signatures, bench marks, bags, waste and labels: one query each."""
        s, m, b = SignatureRecord, BenchMarkRecord, PreparationRecordRow
        w, doc = WasteRecordRow, DocumentRecordRow
        ids_param = {"ids": ids}
        return _Work(
            signatures=self._by_dose(
                select(s.entity_id, s.meaning, s.content_hash, s.signed_at).where(
                    s.entity == ORDER_ENTITY, s.entity_id.in_(_IDS), s.voided.is_(False)
                ),
                ids_param,
                lambda r: OrderSignatureFact(r[1], r[2], r[3]),
            ),
            marks=self._by_dose(
                select(m.dose_id, m)
                .where(m.dose_id.in_(_IDS), m.error_at.is_(None))
                .order_by(m.at, m.id),
                ids_param,
                lambda r: _entity(BenchMark, r[1]),
            ),
            bags=self._by_dose(
                select(b.dose_id, b).where(b.dose_id.in_(_IDS)).order_by(b.id),
                ids_param,
                lambda r: _entity(PreparationRecord, r[1]),
            ),
            wasted=self._by_dose(
                select(w.dose_id, w.recorded_at).where(
                    w.dose_id.in_(_IDS), w.kind == WasteKind.WHOLE_DOSE
                ),
                ids_param,
                lambda r: r[1],
            ),
            labels=self._by_dose(
                select(doc.dose_id, doc.printed_at).where(
                    doc.kind == DocumentKind.BAG_LABEL, doc.dose_id.in_(_IDS)
                ),
                ids_param,
                lambda r: r[1],
            ),
        )

    def _by_dose(
        self, stmt: Executable, params: dict[str, Any], make: Callable[[Any], T]
    ) -> dict[int, tuple[T, ...]]:
        """The rows of `stmt` (dose id first) made into values, grouped by dose id."""
        grouped: dict[int, list[T]] = {}
        for row in self._session.execute(stmt, params):
            grouped.setdefault(row[0], []).append(make(row))
        return {dose_id: tuple(values) for dose_id, values in grouped.items()}

    def vial_doses(self, serial: str | None, lot: str | None) -> list[VialDose]:
        v, d, c, k = VialUseRecord, DoseDayRecord, CycleRecord, CourseRecord
        if serial:
            which = v.serial == serial
        elif lot:
            which = v.lot == lot
        else:
            return []
        stmt = (
            select(d.id, k.patient_id, d.planned_date)
            .select_from(v)
            .join(d, v.dose_id == d.id)
            .join(c, d.cycle_id == c.id)
            .join(k, c.course_id == k.id)
            .where(which, v.error_at.is_(None))
            .distinct()
            .order_by(d.planned_date.desc(), d.id.desc())
            .limit(_VIAL_DOSES_MAX)
        )
        return [VialDose(*row) for row in self._session.execute(stmt)]


# The queue needs a dose's status, not the mark of an earlier status entered in error.
_DOSE_FIELDS = tuple(f.name for f in fields(DoseDay) if f.name != MARK)
_DOSE_ID = _DOSE_FIELDS.index("id")
# The dose ids are bound at each execution: no per-id coercion when the statement is built.
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)


@dataclass(frozen=True, slots=True)
class _Work:
    """Per dose id, what was done for it (see `QueueDoseFacts`)."""

    signatures: dict[int, tuple[OrderSignatureFact, ...]]
    marks: dict[int, tuple[BenchMark, ...]]
    bags: dict[int, tuple[PreparationRecord, ...]]
    wasted: dict[int, tuple[datetime, ...]]
    labels: dict[int, tuple[datetime, ...]]


_VIAL_DOSES_MAX = 20


def _entity(kind: type[E], record: object) -> E:
    """The domain value a record stores (columns are named like its fields); the queue reads
    only records in force, so an "entered in error" mark is never among them."""
    values = {f.name: getattr(record, f.name) for f in fields(kind) if f.name != MARK}  # type: ignore[arg-type]
    return kind(**values)


def _cycles_of_patients_matching(text: str) -> Select[Any]:
    """Cycles of the patients whose MRN or "family[, given]" name starts with `text`."""
    c, k, p = CycleRecord, CourseRecord, PatientRecord
    mrn, name = fold(text), name_prefix(text)
    return (
        select(c.id)
        .join(k, c.course_id == k.id)
        .join(p, k.patient_id == p.id)
        .where(
            or_(
                and_(p.mrn_key >= mrn, p.mrn_key < prefix_end(mrn)),
                and_(p.name_key >= name, p.name_key < prefix_end(name)),
            )
        )
    )
