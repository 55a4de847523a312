"""Databases at every earlier schema revision, built by ino-desk's own migrations.

Each holds one patient written as the ino-desk of that revision wrote it: the row and its
audit event (hash-chained from the genesis hash), so a healthy old file verifies.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ino_desk.persistence import migrate
from ino_desk.persistence.audit.audit import GENESIS_HASH, HEAD_ID, canonical_json, event_hash
from ino_desk.persistence.sqlite.sqlite_engine import WRITE, make_engine

if TYPE_CHECKING:
    from pathlib import Path

EARLIER = migrate.known_revisions()[:-1]
PATIENT = {
    "id": 1,
    "mrn": "OLD-1",
    "mrn_key": "old-1",
    "name_key": "old,pat",
    "family_name": "Old",
    "given_name": "Pat",
    "date_of_birth": "1970-01-01",
    "sex": "male",
    "no_known_allergies": True,
    "allergies": "",
    "diagnosis": "",
}
AT = "2025-01-02T03:04:05.000000+00:00"


def old_database(path: Path, revision: str) -> Path:
    """A database at `revision` with one audited patient, closed as one file (no -wal)."""
    engine = make_engine(path)
    with engine.execution_options(**{WRITE: True}).begin() as conn:
        migrate.upgrade(conn, revision)
    engine.dispose()
    after = canonical_json(PATIENT)
    digest = event_hash(
        GENESIS_HASH, seq=1, at=AT, who="pharm.old", entity="patient", entity_id=1,
        action="create", before=None, after=after, reason="",
    )  # fmt: skip
    con = sqlite3.connect(path)
    try:
        names = ", ".join(PATIENT)
        marks = ", ".join("?" for _ in PATIENT)
        con.execute(f"INSERT INTO patients ({names}) VALUES ({marks})", list(PATIENT.values()))
        con.execute(
            "INSERT INTO audit_events (seq, at, who, entity, entity_id, action, before_state, "
            "after_state, reason, prev_hash, hash) VALUES (1, ?, 'pharm.old', 'patient', 1, "
            "'create', NULL, ?, '', ?, ?)",
            (AT, after, GENESIS_HASH, digest),
        )
        con.execute(
            "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (?, 1, ?)", (HEAD_ID, digest)
        )
        con.commit()
        con.execute("PRAGMA journal_mode = DELETE")  # like a backup: one self-contained file
    finally:
        con.close()
    return path
