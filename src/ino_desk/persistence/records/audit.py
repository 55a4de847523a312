"""Tables of the hash-chained audit trail and its head."""

from __future__ import annotations

from datetime import datetime  # noqa: TC003 - Mapped[] annotations are read at run time

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ino_desk.domain.records import AuditAction
from ino_desk.persistence.column_types import EnumText, UtcDateTime
from ino_desk.persistence.records.base import Base


class AuditEventRecord(Base):
    """The hash-chained audit trail; `seq` has no gaps, so a removed event is noticed."""

    __tablename__ = "audit_events"
    # Verification walks each entity's events in id order next to its table; so does history.
    __table_args__ = (Index(None, "entity", "entity_id", "seq"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    who: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[AuditAction] = mapped_column(EnumText(AuditAction))
    before_state: Mapped[str | None] = mapped_column(Text)
    after_state: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # r0016: the actor's Ed25519 public key and signature over `hash` (NULL before r0016).
    signer_key: Mapped[str | None] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String(128))


class AuditHeadRecord(Base):
    """One row: the last event's number and hash. Writers lock it, so the chain stays linear."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
