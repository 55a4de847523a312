"""Demo data: clearly fictional patients with courses, cycles, doses and labs, inserted in bulk.

Every demo row gets its own audit event (who = "demo"), so `audit verify` treats demo rows
like any other: the chain stays whole and each row matches its recorded state.
Doses come from `domain.plan.plan_cycle`, never from arithmetic here.

Speed: rows are generated in worker processes, batch by batch, with ids in fixed slots per
patient (cycle and dose ids leave gaps), so batches need no coordination; the main process
chains the audit events and inserts, one transaction per batch.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update

from ino_desk.domain.records import AuditAction
from ino_desk.persistence.audit.audit import GENESIS_HASH, HEAD_ID, chained_hash, event_json_parts
from ino_desk.persistence.column_types import utc_text
from ino_desk.persistence.demo.bulk import TableWriter
from ino_desk.persistence.demo.demo_patients import (
    DEMO_REASON,
    DEMO_WHO,
    DemoBatch,
    add_demo_patient,
)
from ino_desk.persistence.records import (
    CLINICAL_RECORDS,
    AccountRecord,
    AuditEventRecord,
    AuditHeadRecord,
)
from ino_desk.persistence.server.server import sync_sequences
from ino_desk.services.store_errors import ConflictError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from sqlalchemy import Connection

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.sqlite.sqlite_engine import Database

BATCH = 2000  # patients per transaction: bounded memory, and other windows are not starved


# Per-batch output of a worker: per table, the stored rows, their ids, canonical states, and
# each row's audit event JSON around its sequence number (which only the writer knows).
Prepared = dict[
    str,
    tuple[list[tuple[Any, ...]], list[int], list[str], list[tuple[str, str]]],
]
# State of one generating process (set by the pool's initializer; in-process for small fills).
_worker: dict[str, Any] = {}


def _init_worker(rules: ClinicalRules, seed: int, today: date, at: str) -> None:
    _worker.update(rules=rules, seed=seed, today=today, at=at, writers=_writers(), plans={})


def _writers() -> dict[str, TableWriter]:
    writers = {e: TableWriter.for_table(r.__table__) for e, r in CLINICAL_RECORDS.items()}  # type: ignore[arg-type]
    writers["audit_event"] = TableWriter.for_table(AuditEventRecord.__table__)  # type: ignore[arg-type]
    return writers


def _prepare_batch(first: int, count: int) -> Prepared:
    """Generate patients first..first+count-1; deterministic for (seed, first)."""
    rules, today, writers = _worker["rules"], _worker["today"], _worker["writers"]
    rng = random.Random(f"{_worker['seed']}:{first}")
    batch = DemoBatch({e: [] for e in CLINICAL_RECORDS})
    for number in range(first, first + count):
        add_demo_patient(batch, _worker["plans"], rules, rng, number, today)
    prepared: Prepared = {}
    for entity, rows in batch.rows.items():
        stored, states = writers[entity].prepare(rows)
        ids = [r["id"] for r in rows]
        create = AuditAction.CREATE.value
        events = [
            event_json_parts(
                at=_worker["at"],
                who=DEMO_WHO,
                entity=entity,
                entity_id=row_id,
                action=create,
                before=None,
                after=state,
                reason=DEMO_REASON,
            )
            for row_id, state in zip(ids, states, strict=True)
        ]
        prepared[entity] = (stored, ids, states, events)
    return prepared


def fill_demo(
    db: Database,
    rules: ClinicalRules,
    patients: int,
    *,
    seed: int = 1,
    today: date | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add `patients` demo patients to a database without clinical rows; returns how many.

    `workers` None: for more than one batch, generation runs in one worker process per CPU
    while this process chains the audit events and writes; one batch runs in-process.
    """
    today = today or date.today()
    at = utc_text(datetime.now(UTC))  # one creation time for all demo events
    _refuse_unless_empty(db)
    starts = [(first, min(BATCH, patients - first + 1)) for first in range(1, patients + 1, BATCH)]
    if workers is None:
        # The writer is lighter than generation, so all CPUs generate and it takes its share.
        workers = 0 if len(starts) <= 1 else max(1, os.cpu_count() or 1)
    writers = _writers()
    done = 0
    if workers == 0:
        _init_worker(rules, seed, today, at)
        results: Iterator[Prepared] = (_prepare_batch(f, n) for f, n in starts)
        done = _store_all(db, writers, results, at, progress)
    else:
        ctx = multiprocessing.get_context("spawn")  # fork is unsafe with open connections
        with ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_init_worker, initargs=(rules, seed, today, at)
        ) as pool:
            results = pool.map(_prepare_batch, *zip(*starts, strict=True))
            done = _store_all(db, writers, results, at, progress)
    return done


def _store_all(
    db: Database,
    writers: dict[str, TableWriter],
    results: Iterable[Prepared],
    at: str,
    progress: Callable[[int], None] | None,
) -> int:
    done = 0
    with db.write_engine.connect() as conn:
        on_file = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection
        # Demo rows are fictional and can be made again, so their batches skip the fsync at
        # each commit (WAL keeps the file consistent either way); clinical writes keep FULL.
        if on_file:
            raw.execute("PRAGMA synchronous = NORMAL")  # type: ignore[union-attr]
        try:
            for prepared in results:
                with conn.begin():
                    if not on_file:  # the server's equivalent, for this transaction only
                        conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
                    _insert(conn, prepared, writers, at)
                done += len(prepared["patient"][1])
                if progress is not None:
                    progress(done)
            if not on_file:  # rows came with their ids: the server's next ids follow them
                with conn.begin():
                    sync_sequences(
                        conn, [w.table.name for w in writers.values() if "id" in w.table.c]
                    )
        finally:
            if on_file:
                raw.execute("PRAGMA synchronous = FULL")  # type: ignore[union-attr]
    return done


def _refuse_unless_empty(db: Database) -> None:
    with db.engine.connect() as conn:
        # Demo rows are written by nobody in particular ("demo"), so only a new database
        # takes them: once a user exists, every write needs a signed-in user.
        if conn.execute(select(func.count()).select_from(AccountRecord)).scalar_one():
            raise ConflictError(
                "The database has user accounts; demo data only goes into a new database."
            )
        for entity, record in CLINICAL_RECORDS.items():
            if entity == "site_settings":
                continue
            if conn.execute(select(func.count()).select_from(record)).scalar_one():
                raise ConflictError(
                    "The database already holds patient records; demo data only goes into an "
                    "empty database."
                )


def _insert(conn: Connection, prepared: Prepared, writers: dict[str, TableWriter], at: str) -> None:
    """Rows first (parents before children), then their audit events, chained in order."""
    head = conn.execute(
        select(AuditHeadRecord.last_seq, AuditHeadRecord.last_hash).where(
            AuditHeadRecord.id == HEAD_ID
        )
    ).one_or_none()
    seq, prev = (head[0], head[1]) if head else (0, GENESIS_HASH)
    create = AuditAction.CREATE.value
    events: list[tuple[Any, ...]] = []
    for entity, (stored, ids, states, parts) in prepared.items():
        writers[entity].insert(conn, stored)
        for row_id, after, (json_head, json_tail) in zip(ids, states, parts, strict=True):
            seq += 1
            digest = chained_hash(prev, json_head, seq, json_tail)
            # No signer key or signature: `demo` fills a database before any user exists.
            event = (seq, at, DEMO_WHO, entity, row_id, create, None, after, DEMO_REASON, prev)
            events.append((*event, digest, None, None))
            prev = digest
    if not events:
        return
    writers["audit_event"].insert(conn, events)
    if head is None:
        conn.execute(insert(AuditHeadRecord).values(id=HEAD_ID, last_seq=seq, last_hash=prev))
    else:
        conn.execute(
            update(AuditHeadRecord)
            .where(AuditHeadRecord.id == HEAD_ID)
            .values(last_seq=seq, last_hash=prev)
        )
