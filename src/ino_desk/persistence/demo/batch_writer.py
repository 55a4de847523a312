"""One batch of demo rows into the database: SQLAlchemy Core inserts, then their audit events.

The rows arrive as column -> Python value dicts with their canonical states (`audit.state_of`,
the encoder every write uses). Each table's rows go in with one `insert(table)` executed for
the whole list (the driver's executemany), so the column types convert every value as for
any other write and a row read back equals its recorded state: `audit verify` proves it on
every demo run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, update

from ino_desk.domain.records import AuditAction
from ino_desk.persistence.audit.audit import GENESIS_HASH, HEAD_ID, event_hash
from ino_desk.persistence.column_types import utc_text
from ino_desk.persistence.demo.demo_patients import DEMO_REASON, DEMO_WHO
from ino_desk.persistence.records import CLINICAL_RECORDS, AuditEventRecord, AuditHeadRecord

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Connection, Engine, Table

# Per batch: per entity, its rows (column -> Python value) and each row's canonical state,
# which is also the `after` state of the row's audit event.
Prepared = dict[str, tuple[list[dict[str, Any]], list[str]]]


def clinical_tables() -> dict[str, Table]:
    return {entity: record.__table__ for entity, record in CLINICAL_RECORDS.items()}  # type: ignore[misc]


def write_batch(engine: Engine, prepared: Prepared, at: datetime) -> int:
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
                _insert(conn, prepared, at)
        finally:
            if on_file:
                raw.execute("PRAGMA synchronous = FULL")  # type: ignore[union-attr]
    return len(prepared["patient"][0])


def _insert(conn: Connection, prepared: Prepared, at: datetime) -> None:
    """Rows first (parents before children), then their audit events, chained from the head."""
    head = conn.execute(
        select(AuditHeadRecord.last_seq, AuditHeadRecord.last_hash).where(
            AuditHeadRecord.id == HEAD_ID
        )
    ).one_or_none()
    seq, prev = (head[0], head[1]) if head else (0, GENESIS_HASH)
    at_text, create = utc_text(at), AuditAction.CREATE
    tables = clinical_tables()
    events: list[dict[str, Any]] = []
    for entity, (rows, states) in prepared.items():
        if rows:  # an empty list would insert one row of defaults
            conn.execute(insert(tables[entity]), rows)
        for row, after in zip(rows, states, strict=True):
            seq += 1
            digest = event_hash(
                prev,
                seq=seq,
                at=at_text,
                who=DEMO_WHO,
                entity=entity,
                entity_id=row["id"],
                action=create.value,
                before=None,
                after=after,
                reason=DEMO_REASON,
            )
            # No before state, signer key or signature (those columns stay NULL): `demo`
            # creates rows, in a database that has no user yet.
            events.append(
                {
                    "seq": seq,
                    "at": at,
                    "who": DEMO_WHO,
                    "entity": entity,
                    "entity_id": row["id"],
                    "action": create,
                    "after_state": after,
                    "reason": DEMO_REASON,
                    "prev_hash": prev,
                    "hash": digest,
                }
            )
            prev = digest
    if not events:
        return
    conn.execute(insert(AuditEventRecord), events)
    if head is None:
        conn.execute(insert(AuditHeadRecord).values(id=HEAD_ID, last_seq=seq, last_hash=prev))
    else:
        conn.execute(
            update(AuditHeadRecord)
            .where(AuditHeadRecord.id == HEAD_ID)
            .values(last_seq=seq, last_hash=prev)
        )
