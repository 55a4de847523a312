"""Voids the signatures on a dose order whose content no longer matches what was signed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from ino_desk.domain.records import AuditAction
from ino_desk.domain.staff.signatures import ORDER_ENTITY, order_content_hash
from ino_desk.persistence.audit.audit import record_state
from ino_desk.persistence.records import SignatureRecord
from ino_desk.services.ports.change import Change

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.persistence.audit.audit import AuditLog

VOID_REASON = "the order changed after it was signed"


def void_stale_signatures(session: Session, audit: AuditLog, dose: DoseDay, change: Change) -> int:
    """Marks each live signature bound to another content hash void, audited; returns how many."""
    if dose.id is None:
        return 0
    current = order_content_hash(dose)
    stmt = select(SignatureRecord).where(
        SignatureRecord.entity == ORDER_ENTITY,
        SignatureRecord.entity_id == dose.id,
        SignatureRecord.voided.is_(False),
        SignatureRecord.content_hash != current,
    )
    voided = 0
    for record in session.scalars(stmt):
        before = record_state(record)
        record.voided = True
        record.void_reason = VOID_REASON
        session.flush()
        audit.record(
            "signature",
            record.id,
            AuditAction.UPDATE,
            before,
            record_state(record),
            Change(change.who, VOID_REASON),
        )
        voided += 1
    return voided
