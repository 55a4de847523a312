"""A row audited before a schema revision added columns still verifies after the upgrade.

r0003 added nullable course facts (VOD, low counts, CrCl, dialysis) to `courses` and a
defaulted `reduction_level` to `cycles`. Events written before it carry no such keys; the row
now has them with the value the migration gave every old row. That is not a change outside
ino-desk. A value other than the migration's is.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.audit.audit import GENESIS_HASH, HEAD_ID, event_hash
from ino_desk.persistence.audit.verify import verify_audit
from tests.persistence.factories import first_cycle

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.sqlite.sqlite_engine import Database
    from ino_desk.persistence.unit_of_work import SqlStore

ADDED_BY_R0003 = {
    "courses": (
        "vod_diagnosed_on",
        "vod_diagnosed_by",
        "low_counts_since",
        "crcl_ml_per_min",
        "on_dialysis",
        "facts_recorded_by",
    ),
    "cycles": ("reduction_level",),
}
# About the SQLite file itself (its bytes, its backups): not run on a server database.
pytestmark = pytest.mark.sqlite_only


ENTITY = {"course": "courses", "cycle": "cycles"}


def _as_if_written_before_r0003(path: Path) -> None:
    """Drop the r0003 keys from every course/cycle event and re-chain the hashes."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute(
            "SELECT seq, at, who, entity, entity_id, action, before_state, after_state, reason "
            "FROM audit_events ORDER BY seq"
        ).fetchall()
        prev = GENESIS_HASH
        for seq, at, who, entity, entity_id, action, before, after, reason in rows:
            if entity in ENTITY:
                before, after = (_strip(s, ADDED_BY_R0003[ENTITY[entity]]) for s in (before, after))
            digest = event_hash(
                prev, seq=seq, at=at, who=who, entity=entity, entity_id=entity_id,
                action=action, before=before, after=after, reason=reason,
            )  # fmt: skip
            con.execute(
                "UPDATE audit_events SET before_state = ?, after_state = ?, prev_hash = ?, "
                "hash = ? WHERE seq = ?",
                (before, after, prev, digest, seq),
            )
            prev = digest
        con.execute("UPDATE audit_head SET last_hash = ? WHERE id = ?", (prev, HEAD_ID))
        con.commit()
    finally:
        con.close()


def _strip(state: str | None, keys: tuple[str, ...]) -> str | None:
    if state is None:
        return None
    data = {k: v for k, v in json.loads(state).items() if k not in keys}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_columns_added_later_with_their_migration_value_still_verify(
    store: SqlStore, database: Database, rules: ClinicalRules
) -> None:
    first_cycle(store, rules)
    _as_if_written_before_r0003(database.path)
    with database.engine.connect() as conn:
        report = verify_audit(conn)
    assert report.ok, report.problems


def test_an_added_column_changed_outside_ino_desk_is_still_found(
    store: SqlStore, database: Database, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    _as_if_written_before_r0003(database.path)
    con = sqlite3.connect(database.path)
    con.execute("UPDATE courses SET crcl_ml_per_min = 25 WHERE id = ?", (saved.cycle.course_id,))
    con.execute("UPDATE cycles SET reduction_level = 1 WHERE id = ?", (saved.cycle.id,))
    con.commit()
    con.close()
    with database.engine.connect() as conn:
        problems = verify_audit(conn).problems
    assert any(p.startswith(f"courses row {saved.cycle.course_id} differs") for p in problems)
    assert any(p.startswith(f"cycles row {saved.cycle.id} differs") for p in problems)
