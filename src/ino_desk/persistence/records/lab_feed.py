"""Tables of the laboratory feed (issue 19): messages received and the site's code table."""

from __future__ import annotations

from datetime import datetime  # noqa: TC003 - Mapped[] annotations are read at run time

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ino_desk.domain.patients.lab_messages import AckCode, MessageStatus
from ino_desk.domain.patients.lab_units import Analyte
from ino_desk.persistence.column_types import EnumText, UtcDateTime
from ino_desk.persistence.records.base import Base


class LabMessageRecord(Base):
    """Every laboratory message received, verbatim, with the acknowledgement it was given."""

    __tablename__ = "lab_messages"
    __table_args__ = (Index(None, "sending_facility", "control_id"), Index(None, "status"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    channel: Mapped[str] = mapped_column(String(200))
    control_id: Mapped[str] = mapped_column(String(50))
    sending_facility: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    ack_code: Mapped[AckCode] = mapped_column(EnumText(AckCode))
    status: Mapped[MessageStatus] = mapped_column(EnumText(MessageStatus))
    problem: Mapped[str] = mapped_column(Text)
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id"))
    lab_result_id: Mapped[int | None] = mapped_column(ForeignKey("lab_results.id"))
    resolved_by: Mapped[str] = mapped_column(String(100))


class LabCodeRecord(Base):
    """The site's table from laboratory (LOINC) codes to the values ino-desk stores."""

    __tablename__ = "lab_codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    analyte: Mapped[Analyte] = mapped_column(EnumText(Analyte))
    confirmed: Mapped[bool] = mapped_column(Boolean)
