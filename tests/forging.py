"""What an attacker with only the database file can do: rewrite rows with SQL and re-hash the
SHA-256 audit chain so that every hash links again. No secret is needed for any of it; the
signing keys are the one thing the file does not give them (the private keys are wrapped
under passwords), so the forger copies signatures it finds instead of making new ones.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from ino_desk.persistence.audit.audit import GENESIS_HASH, event_hash

if TYPE_CHECKING:
    from pathlib import Path

EVENT_COLUMNS = "seq, at, who, entity, entity_id, action, before_state, after_state, reason"


class Forger:
    def __init__(self, db: Path) -> None:
        self.con = sqlite3.connect(db)

    def __enter__(self) -> Forger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.rehash()
        self.con.commit()
        self.con.close()

    def sql(self, statement: str, *params: Any) -> list[Any]:
        return self.con.execute(statement, params).fetchall()

    def one(self, statement: str, *params: Any) -> Any:
        return self.con.execute(statement, params).fetchone()

    def last_event(self, entity: str, entity_id: int) -> tuple[int, str]:
        seq, after = self.one(
            "SELECT seq, after_state FROM audit_events WHERE entity=? AND entity_id=? "
            "ORDER BY seq DESC LIMIT 1",
            entity,
            entity_id,
        )
        return int(seq), str(after)

    def rewrite_state(self, seq: int, **changes: Any) -> str:
        """Edit the after-state JSON of event `seq`; returns the new JSON."""
        (after,) = self.one("SELECT after_state FROM audit_events WHERE seq=?", seq)
        state = json.loads(after)
        state.update(changes)
        text = json.dumps(state, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        self.sql("UPDATE audit_events SET after_state=? WHERE seq=?", text, seq)
        return text

    def append(self, **event: Any) -> int:
        """A new event at the end (hash filled in by `rehash`); signer fields as given."""
        (last,) = self.one("SELECT COALESCE(MAX(seq), 0) FROM audit_events")
        seq = int(last) + 1
        row = {"before_state": None, "signer_key": None, "signature": None, **event}
        self.sql(
            "INSERT INTO audit_events (seq, at, who, entity, entity_id, action, before_state, "
            "after_state, reason, prev_hash, hash, signer_key, signature) "
            "VALUES (?,?,?,?,?,?,?,?,?,'','',?,?)",
            seq, row["at"], row["who"], row["entity"], row["entity_id"], row["action"],
            row["before_state"], row["after_state"], row["reason"], row["signer_key"],
            row["signature"],
        )  # fmt: skip
        return seq

    def rehash(self) -> None:
        """Recompute every hash and the head, as `AuditLog` would have (no secret needed)."""
        prev = GENESIS_HASH
        rows = self.sql(f"SELECT {EVENT_COLUMNS} FROM audit_events ORDER BY seq")
        for seq, at, who, entity, entity_id, action, before, after, reason in rows:
            digest = event_hash(
                prev, seq=seq, at=at, who=who, entity=entity, entity_id=entity_id,
                action=action, before=before, after=after, reason=reason,
            )  # fmt: skip
            self.sql("UPDATE audit_events SET prev_hash=?, hash=? WHERE seq=?", prev, digest, seq)
            prev = digest
        last = rows[-1][0] if rows else 0
        self.sql("UPDATE audit_head SET last_seq=?, last_hash=?", last, prev)
