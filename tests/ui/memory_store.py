"""A stand-in Store kept in memory, used only until the SQLite store lands on this branch."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from ino_desk.domain.site_settings import SiteSettings
from ino_desk.services.ports import Change, DueDoseRow, NotFoundError, PatientRow

T = TypeVar("T")


@dataclass
class _Tables:
    rows: dict[str, dict[int, Any]] = field(default_factory=dict)
    next_id: int = 1
    settings: SiteSettings = field(default_factory=SiteSettings)


class _Repo:
    def __init__(self, tables: _Tables, name: str, parent: str | None = None) -> None:
        self.t = tables
        self.name = name
        self.parent = parent
        tables.rows.setdefault(name, {})

    def add(self, entity: Any, change: Change) -> Any:
        stored = replace(entity, id=self.t.next_id)
        self.t.next_id += 1
        self.t.rows[self.name][stored.id] = stored
        return stored

    def get(self, entity_id: int) -> Any:
        try:
            return self.t.rows[self.name][entity_id]
        except KeyError:
            raise NotFoundError(f"{self.name} {entity_id} not found") from None

    def update(self, entity: Any, change: Change) -> Any:
        self.get(entity.id)
        self.t.rows[self.name][entity.id] = entity
        return entity

    def by(self, attr: str, value: object) -> list[Any]:
        return [e for e in self.t.rows[self.name].values() if getattr(e, attr) == value]

    def by_mrn(self, mrn: str) -> Any:
        found = self.by("mrn", mrn)
        return found[0] if found else None

    def for_patient(self, patient_id: int) -> list[Any]:
        rows = self.by("patient_id", patient_id)
        key = {"measurements": "measured_on", "labs": "drawn_on"}.get(self.name)
        return sorted(rows, key=lambda e: (getattr(e, key), e.id), reverse=True) if key else rows

    def for_course(self, course_id: int) -> list[Any]:
        return sorted(self.by("course_id", course_id), key=lambda c: c.number)

    def for_cycle(self, cycle_id: int) -> list[Any]:
        return sorted(self.by("cycle_id", cycle_id), key=lambda d: d.day)

    def for_dose(self, dose_id: int) -> list[Any]:
        return self.by("dose_id", dose_id)


class _Settings:
    def __init__(self, tables: _Tables) -> None:
        self.t = tables

    def get(self) -> SiteSettings:
        return self.t.settings

    def save(self, settings: SiteSettings, change: Change) -> SiteSettings:
        self.t.settings = settings
        return settings


class _Queries:
    def __init__(self, tables: _Tables) -> None:
        self.t = tables

    def search_patients(self, text: str, limit: int) -> list[PatientRow]:
        needle = text.casefold()
        rows = [
            PatientRow(p.id, p.mrn, p.family_name, p.given_name, p.date_of_birth)
            for p in self.t.rows["patients"].values()
            if p.mrn.casefold().startswith(needle) or p.family_name.casefold().startswith(needle)
        ]
        return sorted(rows, key=lambda r: (r.family_name, r.given_name, r.id))[:limit]

    def doses_due(self, first: date, last: date, limit: int) -> list[DueDoseRow]:
        rows = []
        for d in self.t.rows["doses"].values():
            if not first <= d.planned_date <= last:
                continue
            cycle = self.t.rows["cycles"][d.cycle_id]
            course = self.t.rows["courses"][cycle.course_id]
            p = self.t.rows["patients"][course.patient_id]
            rows.append(
                DueDoseRow(
                    d.id,
                    p.id,
                    p.mrn,
                    p.display_name,
                    cycle.id,
                    cycle.number,
                    d.day,
                    d.planned_date,
                    d.dose_mg,
                    d.status,
                )
            )
        return sorted(rows, key=lambda r: (r.planned_date, r.patient_name))[:limit]


class _Uow:
    def __init__(self, tables: _Tables) -> None:
        self.patients = _Repo(tables, "patients")
        self.measurements = _Repo(tables, "measurements")
        self.labs = _Repo(tables, "labs")
        self.courses = _Repo(tables, "courses")
        self.cycles = _Repo(tables, "cycles")
        self.doses = _Repo(tables, "doses")
        self.checklist = _Repo(tables, "checklist")
        self.preparations = _Repo(tables, "preparations")
        self.documents = _Repo(tables, "documents")
        self.settings = _Settings(tables)
        self.queries = _Queries(tables)

    def now(self) -> datetime:
        return datetime.now(UTC)


class MemoryStore:
    def __init__(self) -> None:
        self.tables = _Tables()
        _Uow(self.tables)

    def write(self, action: Callable[[Any], T]) -> T:
        work = copy.deepcopy(self.tables)
        result = action(_Uow(work))
        self.tables = work
        return result

    def read(self, action: Callable[[Any], T]) -> T:
        return action(_Uow(self.tables))
