"""One batch of demo rows into the database: SQLAlchemy Core inserts, then their audit events.

The rows arrive as column -> Python value dicts with their canonical states (`audit.state_of`,
the encoder every write uses). The SQL is SQLAlchemy's own `insert(table)` compiled for the
database, and each value is converted by its column type's bind processor, as for any other
write, so a row read back equals its recorded state (`audit verify` proves it on every demo
run). The rows then go to the driver's executemany directly: `Connection.execute(insert(t),
rows)` builds every row's parameters again in Python (`construct_params`), which measured
at 100,000 patients cost more CPU time than this (docs/architecture.md). The audit events
are encoded before the write turn for the seqs the batch reserved (`batch_events`); the turn
only chains their hashes and inserts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, update

from ino_desk.domain.records import AuditAction
from ino_desk.persistence.audit.audit import GENESIS_HASH, HEAD_ID, chained_hash, event_json
from ino_desk.persistence.column_types import utc_text
from ino_desk.persistence.demo.demo_patients import DEMO_REASON, DEMO_WHO
from ino_desk.persistence.records import CLINICAL_RECORDS, AuditEventRecord, AuditHeadRecord

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Connection, Dialect, Engine, Table

# Per batch: per entity, its rows (column -> Python value) and each row's canonical state,
# which is also the `after` state of the row's audit event.
Prepared = dict[str, tuple[list[dict[str, Any]], list[str]]]


def clinical_tables() -> dict[str, Table]:
    return {entity: record.__table__ for entity, record in CLINICAL_RECORDS.items()}  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class StoredRows:
    """Rows of one table ready for the driver: `insert(table)` compiled for the dialect, and
    each row's values as that statement takes them (a tuple in order, or a dict by name)."""

    sql: str
    rows: list[Any]

    @classmethod
    def of(
        cls,
        dialect: Dialect,
        table: Table,
        rows: list[dict[str, Any]],
        stored: frozenset[str] = frozenset(),
    ) -> StoredRows:
        """`stored`: columns whose values the rows already give in stored form."""
        compiled = insert(table).compile(dialect=dialect)
        names = compiled.positiontup or [c.key for c in table.columns]
        convert = [
            (n, None if n in stored else table.c[n].type.bind_processor(dialect)) for n in names
        ]
        values = [[row[n] if p is None else p(row[n]) for n, p in convert] for row in rows]
        if compiled.positional:
            return cls(str(compiled), [tuple(v) for v in values])
        return cls(str(compiled), [dict(zip(names, v, strict=True)) for v in values])

    def insert(self, conn: Connection) -> None:
        if self.rows:  # an empty executemany is refused by some drivers
            conn.exec_driver_sql(self.sql, self.rows)


# Per batch: per entity, its rows in stored form, their ids and their canonical states.
Stored = dict[str, tuple[StoredRows, list[int], list[str]]]


def stored_batch(dialect: Dialect, prepared: Prepared) -> Stored:
    """Converted before the batch's write turn, which then holds only inserts and the chain."""
    tables = clinical_tables()
    return {
        entity: (StoredRows.of(dialect, tables[entity], rows), [r["id"] for r in rows], states)
        for entity, (rows, states) in prepared.items()
    }


@dataclass(frozen=True, slots=True)
class Events:
    """A batch's audit events, encoded for seqs `first_seq`.. before the write turn; the turn
    fills in only each event's `prev_hash` and `hash` (`chained_hash` over `texts`)."""

    first_seq: int
    texts: list[str]  # each event's `event_json`
    rows: StoredRows  # rows are lists, their prev_hash and hash at `slots`
    slots: tuple[int | str, int | str]


def batch_events(dialect: Dialect, stored: Stored, at: datetime, first_seq: int) -> Events:
    at_text, action = utc_text(at), AuditAction.CREATE.value  # stored form, as hashed
    texts: list[str] = []
    events: list[dict[str, Any]] = []
    seq = first_seq
    for entity, (_rows, ids, states) in stored.items():
        for row_id, after in zip(ids, states, strict=True):
            texts.append(
                event_json(
                    seq=seq,
                    at=at_text,
                    who=DEMO_WHO,
                    entity=entity,
                    entity_id=row_id,
                    action=action,
                    before=None,
                    after=after,
                    reason=DEMO_REASON,
                )
            )
            # No signer key or signature: `demo` fills a database before any user exists.
            events.append(
                {
                    "seq": seq,
                    "at": at_text,
                    "who": DEMO_WHO,
                    "entity": entity,
                    "entity_id": row_id,
                    "action": action,
                    "before_state": None,
                    "after_state": after,
                    "reason": DEMO_REASON,
                    "prev_hash": "",
                    "hash": "",
                    "signer_key": None,
                    "signature": None,
                }
            )
            seq += 1
    table: Table = AuditEventRecord.__table__  # type: ignore[assignment]
    done = StoredRows.of(dialect, table, events, frozenset({"at", "action", "prev_hash", "hash"}))
    names = list(insert(table).compile(dialect=dialect).positiontup or [])
    slots: tuple[int | str, int | str] = (
        (names.index("prev_hash"), names.index("hash")) if names else ("prev_hash", "hash")
    )
    rows = [list(r) for r in done.rows] if names else done.rows
    return Events(first_seq, texts, StoredRows(done.sql, rows), slots)


def write_batch(engine: Engine, stored: Stored, events: Events, at: datetime) -> int:
    """One transaction on `engine` (a write engine: it takes the write lock at BEGIN); returns
    how many patients it added."""
    with engine.connect() as conn:
        on_file = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection
        # Demo rows are fictional and can be made again, so their batches skip the fsync at
        # each commit (WAL keeps the file consistent either way); clinical writes keep FULL.
        if on_file:
            raw.execute("PRAGMA synchronous = NORMAL")  # type: ignore[union-attr]
        try:
            with conn.begin():
                if not on_file:  # the server's equivalent, for this transaction only
                    conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
                _insert(conn, stored, events, at)
        finally:
            if on_file:
                raw.execute("PRAGMA synchronous = FULL")  # type: ignore[union-attr]
    return len(stored["patient"][1])


def _insert(conn: Connection, stored: Stored, events: Events, at: datetime) -> None:
    """Rows first (parents before children), then their audit events, chained from the head."""
    head = conn.execute(
        select(AuditHeadRecord.last_seq, AuditHeadRecord.last_hash).where(
            AuditHeadRecord.id == HEAD_ID
        )
    ).one_or_none()
    last, prev = (head[0], head[1]) if head else (0, GENESIS_HASH)
    if events.first_seq != last + 1:  # another writer came between: encode for the real seqs
        events = batch_events(conn.dialect, stored, at, last + 1)
    for table_rows, _ids, _states in stored.values():
        table_rows.insert(conn)
    if not events.texts:
        return
    at_prev, at_hash = events.slots
    rows = events.rows.rows
    positional = isinstance(at_prev, int)
    for i, text in enumerate(events.texts):
        row = rows[i]
        row[at_prev] = prev
        prev = row[at_hash] = chained_hash(prev, text)
        if positional:  # the driver takes a tuple or a dict per row, not a list
            rows[i] = tuple(row)
    events.rows.insert(conn)
    seq = last + len(events.texts)
    if head is None:
        conn.execute(insert(AuditHeadRecord).values(id=HEAD_ID, last_seq=seq, last_hash=prev))
    else:
        conn.execute(
            update(AuditHeadRecord)
            .where(AuditHeadRecord.id == HEAD_ID)
            .values(last_seq=seq, last_hash=prev)
        )
