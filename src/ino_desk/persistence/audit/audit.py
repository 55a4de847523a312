"""The audit trail: canonical row states, the hash chain, and writing one event per change."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ino_desk.domain.staff.signing_keys import public_hex, sign_text
from ino_desk.persistence.column_types import utc_text
from ino_desk.persistence.records import AuditEventRecord, AuditHeadRecord, Base

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlalchemy.orm import Session

    from ino_desk.domain.records import AuditAction
    from ino_desk.domain.staff.user_keys import Keyring
    from ino_desk.services.ports.change import Change

GENESIS_HASH = "0" * 64
HEAD_ID = 1


def canonical(value: Any) -> Any:
    """A value as JSON sees it; the same for a row just written and the row read back."""
    if type(value) in _AS_IS:  # the common exact types first: bulk demo data is rows
        return value
    convert = _CONVERT.get(type(value))
    if convert is not None:
        return convert(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [canonical(v) for v in value]
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in fields(value)}
    raise TypeError(f"no canonical form for {type(value).__name__}")


# Exact types only, each with the result its branch in `canonical` gives (subclasses such as
# enums take the branches there).
_AS_IS = frozenset({type(None), bool, int, str})
_CONVERT: dict[type, Any] = {Decimal: str, datetime: utc_text, date: date.isoformat}
# The one encoder of the audit trail: row states and events (`json.dumps` would build it anew
# for every call).
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(data: Mapping[str, Any]) -> str:
    return _ENCODER.encode(data)


def state_of(values: Mapping[str, Any]) -> str:
    """Canonical JSON of a row given as column name -> Python value."""
    as_is = _AS_IS
    return _ENCODER.encode({k: v if type(v) in as_is else canonical(v) for k, v in values.items()})


def record_state(record: Base) -> str:
    table = record.__table__
    return state_of({c.name: getattr(record, c.key) for c in table.columns})


def event_json(
    *,
    seq: int,
    at: str,
    who: str,
    entity: str,
    entity_id: int,
    action: str,
    before: str | None,
    after: str | None,
    reason: str,
) -> str:
    """The event as the chain hashes it: canonical JSON, the row states nested as text."""
    return canonical_json(
        {
            "action": action,
            "after": after,
            "at": at,
            "before": before,
            "entity": entity,
            "entity_id": entity_id,
            "reason": reason,
            "seq": seq,
            "who": who,
        }
    )


def event_hash(prev_hash: str, **event: Any) -> str:
    """SHA-256 over the previous hash and the event's canonical JSON (see `event_json`)."""
    return chained_hash(prev_hash, event_json(**event))


def chained_hash(prev_hash: str, event_text: str) -> str:
    """The hash of an event whose `event_json` is already encoded (the demo loader encodes
    before its write turn and only chains inside it)."""
    return hashlib.sha256(f"{prev_hash}\n{event_text}".encode()).hexdigest()


class AuditLog:
    """Appends events inside the caller's transaction, locking the chain head first. An event
    whose actor has a key unlocked in `keys` carries their Ed25519 signature over its hash
    (which covers the previous hash, so the signature also fixes the event's place)."""

    def __init__(self, session: Session, now: datetime, keys: Keyring | None = None) -> None:
        self._session = session
        self._now = now
        self._keys = keys
        self._head: AuditHeadRecord | None = None

    def _lock_head(self) -> AuditHeadRecord:
        if self._head is None:
            stmt = select(AuditHeadRecord).where(AuditHeadRecord.id == HEAD_ID).with_for_update()
            head = self._session.execute(stmt).scalar_one_or_none()
            if head is None:
                head = AuditHeadRecord(id=HEAD_ID, last_seq=0, last_hash=GENESIS_HASH)
                self._session.add(head)
            self._head = head
        return self._head

    def record(
        self,
        entity: str,
        entity_id: int,
        action: AuditAction,
        before: str | None,
        after: str | None,
        change: Change,
    ) -> None:
        head = self._lock_head()
        seq = head.last_seq + 1
        at = utc_text(self._now)
        digest = event_hash(
            head.last_hash,
            seq=seq,
            at=at,
            who=change.who,
            entity=entity,
            entity_id=entity_id,
            action=action.value,
            before=before,
            after=after,
            reason=change.reason,
        )
        key = None if self._keys is None else self._keys.key_of(change.who)
        self._session.add(
            AuditEventRecord(
                signer_key=None if key is None else public_hex(key),
                signature=None if key is None else sign_text(key, digest),
                seq=seq,
                at=self._now,
                who=change.who,
                entity=entity,
                entity_id=entity_id,
                action=action,
                before_state=before,
                after_state=after,
                reason=change.reason,
                prev_hash=head.last_hash,
                hash=digest,
            )
        )
        head.last_seq = seq
        head.last_hash = digest
