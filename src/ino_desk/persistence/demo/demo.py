"""Demo data: clearly fictional patients with courses, cycles, doses and labs, inserted in bulk.

Every demo row gets its own audit event (who = "demo"), so `audit verify` treats demo rows
like any other: the chain stays whole and each row matches its recorded state.
Doses come from `domain.plan.plan_cycle`, never from arithmetic here.

Speed: batches of patients are generated and written by worker processes (one per CPU and
one more, so one can write while the others generate). Ids sit in fixed slots per patient
(cycle and dose ids leave gaps), so generating needs no coordination; writing takes turns
(`batch_writer.write_batch`: one transaction per batch, its events chained from the audit
head as any writer's are), so the chain holds the batches in the order they were written.
Converting and inserting thus run on every CPU, not in one writing process. The turns go in
the order the batches reserved their audit seqs (`Turns`), so each batch encodes its events
before its turn.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime
from multiprocessing.util import Finalize
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Engine, func, select

from ino_desk.persistence.audit.audit import state_of
from ino_desk.persistence.demo.batch_writer import (
    Prepared,
    batch_events,
    clinical_tables,
    stored_batch,
    write_batch,
)
from ino_desk.persistence.demo.demo_patients import DemoBatch, add_demo_patient
from ino_desk.persistence.records import CLINICAL_RECORDS, AccountRecord, AuditHeadRecord
from ino_desk.persistence.server.server import make_server_engine, sync_sequences
from ino_desk.persistence.sqlite.sqlite_engine import WRITE, make_engine
from ino_desk.services.store_errors import ConflictError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from multiprocessing.context import SpawnContext

    from sqlalchemy.engine import URL

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.sqlite.sqlite_engine import Database

BATCH = 2000  # patients per transaction: bounded memory, and other windows are not starved

# State of one worker process (set by the pool's initializer; in-process for small fills).
_worker: dict[str, Any] = {}


def _init_worker(
    rules: ClinicalRules,
    seed: int,
    today: date,
    at: datetime,
    target: Engine | Path | URL,
    turns: Turns,
) -> None:
    """`target`: the write engine in-process, else where a worker opens its own; `turns`: the
    order the workers write in."""
    if not isinstance(target, Engine):  # in a worker process: its own engine, closed at exit
        opened = make_engine(target) if isinstance(target, Path) else make_server_engine(target)
        Finalize(opened, opened.dispose, exitpriority=10)
        target = opened.execution_options(**{WRITE: True})
    _worker.update(rules=rules, seed=seed, today=today, at=at, engine=target, turns=turns, plans={})


def _prepare_batch(first: int, count: int) -> Prepared:
    """Generate patients first..first+count-1; deterministic for (seed, first)."""
    rng = random.Random(f"{_worker['seed']}:{first}")
    batch = DemoBatch({e: [] for e in CLINICAL_RECORDS})
    for number in range(first, first + count):
        add_demo_patient(batch, _worker["plans"], _worker["rules"], rng, number, _worker["today"])
    return {entity: (rows, [state_of(row) for row in rows]) for entity, rows in batch.rows.items()}


def _fill_batch(first: int, count: int) -> int:
    engine, turns, at = _worker["engine"], _worker["turns"], _worker["at"]
    stored = stored_batch(engine.dialect, _prepare_batch(first, count))  # before its turn
    ticket, first_seq = turns.reserve(sum(len(ids) for _rows, ids, _states in stored.values()))
    try:
        events = batch_events(engine.dialect, stored, at, first_seq)
    except BaseException:
        with turns.turn(ticket):  # pass the turn on, or the batches after this one would wait
            raise
    with turns.turn(ticket):
        return write_batch(engine, stored, events, at)


class _Shared(Protocol):
    value: int


class Turns:
    """Batches reserve their audit seqs when generated and write in that order, so each encodes
    its events outside its turn; the turn only chains and inserts. A seq taken by another
    writer in between costs the batch a fresh encoding in its turn (`batch_writer._insert`)."""

    def __init__(self, ctx: SpawnContext, last_seq: int) -> None:
        self._lock = ctx.Lock()  # taking seqs and tickets
        self._order = ctx.Condition()  # whose turn it is
        self._next_seq: _Shared = ctx.Value("q", last_seq + 1, lock=False)
        self._tickets: _Shared = ctx.Value("q", 0, lock=False)
        self._writing: _Shared = ctx.Value("q", 0, lock=False)

    def reserve(self, events: int) -> tuple[int, int]:
        """(ticket, first seq) for a batch of `events` events."""
        with self._lock:
            ticket, seq = self._tickets.value, self._next_seq.value
            self._tickets.value, self._next_seq.value = ticket + 1, seq + events
        return ticket, seq

    @contextmanager
    def turn(self, ticket: int) -> Iterator[None]:
        with self._order:
            self._order.wait_for(lambda: self._writing.value == ticket)
        try:
            yield
        finally:
            with self._order:
                self._writing.value = ticket + 1
                self._order.notify_all()


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

    `workers` None: for more than one batch, worker processes (one per CPU, and one more)
    generate and write; one batch runs in-process.
    """
    today = today or date.today()
    at = datetime.now(UTC)  # one creation time for all demo events
    _refuse_unless_empty(db)
    starts = [(first, min(BATCH, patients - first + 1)) for first in range(1, patients + 1, BATCH)]
    if workers is None:  # one more than the CPUs: while one writes, the others generate
        workers = 0 if len(starts) <= 1 else (os.cpu_count() or 1) + 1
    ctx = multiprocessing.get_context("spawn")  # fork is unsafe with open connections
    turns = Turns(ctx, _last_seq(db))
    if workers == 0:
        _init_worker(rules, seed, today, at, db.write_engine, turns)
        try:
            done = _count((_fill_batch(f, n) for f, n in starts), progress)
        finally:
            _worker.clear()  # the engine stays the caller's
    else:
        where = db.path or db.url  # a Database is a file or a server
        if where is None:  # pragma: no cover - neither: nothing to write to
            raise ValueError("the database has neither a file nor a server URL")
        with ProcessPoolExecutor(
            workers,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(rules, seed, today, at, where, turns),
        ) as pool:
            done = _count(pool.map(_fill_batch, *zip(*starts, strict=True)), progress)
    if db.path is None:  # rows came with their ids: the server's next ids follow them
        with db.write_engine.begin() as conn:
            sync_sequences(conn, [t.name for t in clinical_tables().values() if "id" in t.c])
    return done


def _count(added: Iterable[int], progress: Callable[[int], None] | None) -> int:
    done = 0
    for patients in added:
        done += patients
        if progress is not None:
            progress(done)
    return done


def _last_seq(db: Database) -> int:
    with db.engine.connect() as conn:
        last = conn.execute(select(AuditHeadRecord.last_seq)).scalar_one_or_none()
    return last or 0


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
