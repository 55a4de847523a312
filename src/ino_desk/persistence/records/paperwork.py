"""Table of the documents issued: each order sheet or bag label printed, with its hash."""

from __future__ import annotations

from datetime import datetime  # noqa: TC003 - Mapped[] annotations are read at run time

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ino_desk.domain.records import DocumentKind
from ino_desk.persistence.column_types import EnumText, UtcDateTime
from ino_desk.persistence.records.base import Base


class DocumentRecordRow(Base):
    __tablename__ = "documents"
    __table_args__ = (Index(None, "kind", "dose_id", "cycle_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[DocumentKind] = mapped_column(EnumText(DocumentKind))
    dose_id: Mapped[int | None] = mapped_column(ForeignKey("dose_days.id"))
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id"))
    content_sha256: Mapped[str] = mapped_column(String(64))
    printed_by: Mapped[str] = mapped_column(String(100))
    printed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reprint: Mapped[bool] = mapped_column(Boolean)
