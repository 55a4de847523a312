"""The workstation's local read-only snapshot for a downtime (issue 18).

What is copied: every patient with a dose planned in the next SNAPSHOT_DAYS days, with the
whole history the authority needs for them (measurements, labs, courses, every cycle and
dose, the bench's and the signatures' records of those doses, documents issued), the site
settings and the users' names and roles. Password hashes are not copied (a stolen
workstation must not carry them), nor the audit trail (the server keeps it).

The source is read through SQLAlchemy Core only, so it may be SQLite or PostgreSQL; the
snapshot is a SQLite file built by the project's own migrations in an owner-only temporary
file beside the target and renamed over it in one step: a kill leaves the previous snapshot.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    select,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from ino_desk.domain.staff.signatures import ORDER_ENTITY
from ino_desk.persistence.records import (
    Base,
    CourseRecord,
    CycleRecord,
    DoseDayRecord,
)
from ino_desk.persistence.sqlite import messages
from ino_desk.safe_files import create_private_empty, fsync_folder, private_folder
from ino_desk.services.ports.downtime import SnapshotInfo
from ino_desk.services.store_errors import StoreUnavailableError

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import Connection

SNAPSHOT_DAYS = 7
NO_PASSWORD = "downtime-snapshot:no-password"  # matches no password: nobody signs in here
SKIPPED = frozenset({"audit_events", "audit_head", "sign_in_events", "alembic_version"})
BY_PATIENT = frozenset({"patients", "measurements", "lab_results", "courses"})
BY_DOSE = frozenset(
    {
        "checklist_completions",
        "preparations",
        "vial_uses",
        "waste_records",
        "bench_double_checks",
        "bench_marks",
        "double_checks",
    }
)

_about = MetaData()
ABOUT = Table(
    "downtime_snapshot",  # only in snapshots: when it was taken and how much it holds
    _about,
    Column("id", Integer, primary_key=True),
    Column("taken_at", String(40), nullable=False),
    Column("first_day", String(10), nullable=False),
    Column("last_day", String(10), nullable=False),
    Column("patients", Integer, nullable=False),
    Column("doses", Integer, nullable=False),
)


@dataclass(frozen=True, slots=True)
class _Chosen:
    patients: set[int]
    courses: set[int]
    cycles: set[int]
    doses: set[int]


def _ids(conn: Connection, column: Any, *where: Any) -> set[int]:
    return {int(v) for v in conn.execute(select(column).where(*where)).scalars()}


def _choose(conn: Connection, first: date, last: date) -> _Chosen:
    d, c, k = DoseDayRecord, CycleRecord, CourseRecord
    due = (
        select(k.patient_id)
        .join(c, c.course_id == k.id)
        .join(d, d.cycle_id == c.id)
        .where(d.planned_date >= first, d.planned_date <= last)
    )
    patients = {int(v) for v in conn.execute(due.distinct()).scalars()}
    courses = _ids(conn, k.id, k.patient_id.in_(patients)) if patients else set()
    cycles = _ids(conn, c.id, c.course_id.in_(courses)) if courses else set()
    doses = _ids(conn, d.id, d.cycle_id.in_(cycles)) if cycles else set()
    return _Chosen(patients, courses, cycles, doses)


def _rows(conn: Connection, table: Table, chosen: _Chosen) -> list[dict[str, Any]]:
    name, cols = table.name, table.c
    if name == "patients":
        where: Any = cols.id.in_(chosen.patients)
    elif name in BY_PATIENT:
        where = cols.patient_id.in_(chosen.patients)
    elif name == "cycles":
        where = cols.course_id.in_(chosen.courses)
    elif name == "dose_days":
        where = cols.cycle_id.in_(chosen.cycles)
    elif name in BY_DOSE:
        where = cols.dose_id.in_(chosen.doses)
    elif name == "documents":
        where = cols.dose_id.in_(chosen.doses) | cols.cycle_id.in_(chosen.cycles)
    elif name == "signatures":
        where = (cols.entity == ORDER_ENTITY) & cols.entity_id.in_(chosen.doses)
    else:  # site settings, users: every row (signatures and printing name their people)
        where = True
    rows = [dict(r) for r in conn.execute(select(table).where(where)).mappings()]
    if name == "users":
        for row in rows:
            row["password_hash"] = NO_PASSWORD
    return rows


def _copy(source: Connection, target: Connection, chosen: _Chosen) -> None:
    for table in Base.metadata.sorted_tables:  # parents before children (foreign keys)
        if table.name in SKIPPED:
            continue
        rows = _rows(source, table, chosen)
        if rows:
            target.execute(insert(table), rows)


def take_snapshot(source: Engine, target: Path, today: date) -> SnapshotInfo:
    """Copy the active patients and their next days from `source` into the file `target`."""
    from ino_desk.persistence.migrate import upgrade

    first, last = today, today + timedelta(days=SNAPSHOT_DAYS)
    private_folder(target.parent)
    building = target.with_name(f".{target.name}.building-{os.getpid()}")
    _remove_family(building)
    try:
        create_private_empty(building)
        # A plain rollback-journal file: one self-contained file, nothing left in a -wal.
        engine = create_engine(URL.create("sqlite+pysqlite", database=str(building)))
        try:
            with source.connect() as src, engine.begin() as dst:
                upgrade(dst)
                chosen = _choose(src, first, last)
                _copy(src, dst, chosen)
                _about.create_all(dst)
                taken = datetime.now(UTC)
                dst.execute(
                    insert(ABOUT).values(
                        id=1,
                        taken_at=taken.isoformat(),
                        first_day=first.isoformat(),
                        last_day=last.isoformat(),
                        patients=len(chosen.patients),
                        doses=len(chosen.doses),
                    )
                )
        finally:
            engine.dispose()
        with building.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(building, target)
        fsync_folder(target.parent)
    except DBAPIError as exc:
        raise messages.from_sqlite(exc.orig or exc, target) or messages.cannot_create(
            target, str(exc.orig or exc)
        ) from exc
    except OSError as exc:
        raise messages.from_os_error(exc, target) from None
    finally:
        _remove_family(building)
    return SnapshotInfo(str(target), taken, first, last, len(chosen.patients), len(chosen.doses))


def _remove_family(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def read_snapshot_info(conn: Connection, path: Path) -> SnapshotInfo:
    """What the snapshot says of itself; StoreUnavailableError when it is not a snapshot."""
    try:
        row = conn.execute(select(ABOUT)).mappings().one()
    except DBAPIError as exc:
        raise StoreUnavailableError(f"{path} is not a downtime snapshot of ino-desk.") from exc
    return SnapshotInfo(
        str(path),
        datetime.fromisoformat(row["taken_at"]),
        date.fromisoformat(row["first_day"]),
        date.fromisoformat(row["last_day"]),
        int(row["patients"]),
        int(row["doses"]),
    )
