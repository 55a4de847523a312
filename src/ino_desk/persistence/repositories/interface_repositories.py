"""Repositories of the laboratory interface: kept messages and the site's code table."""

from __future__ import annotations

from sqlalchemy import select

from ino_desk.domain.patients.lab_messages import LabMessage, MessageStatus
from ino_desk.domain.patients.lab_units import LabCode
from ino_desk.persistence.records import LabCodeRecord, LabMessageRecord
from ino_desk.persistence.repositories.repositories import SqlRepository


class SqlLabMessages(SqlRepository[LabMessage, LabMessageRecord]):
    entity, label, domain_type, record_type = (
        "lab_message",
        "laboratory message",
        LabMessage,
        LabMessageRecord,
    )

    def in_review(self) -> list[LabMessage]:
        r = LabMessageRecord
        return self._list(r.status == MessageStatus.REVIEW, order=(r.id,))

    def recent(self, limit: int) -> list[LabMessage]:
        r = LabMessageRecord
        stmt = select(r).order_by(r.id.desc()).limit(limit)
        return [self._to_domain(m) for m in self._session.scalars(stmt)]

    def already_kept(self, control_id: str, sending_facility: str) -> bool:
        r = LabMessageRecord
        stmt = (
            select(r.id)
            .where(
                r.control_id == control_id,
                r.sending_facility == sending_facility,
                r.status.not_in((MessageStatus.REFUSED, MessageStatus.DUPLICATE)),
            )
            .limit(1)
        )
        return self._session.scalars(stmt).first() is not None


class SqlLabCodes(SqlRepository[LabCode, LabCodeRecord]):
    entity, label, domain_type, record_type = "lab_code", "laboratory code", LabCode, LabCodeRecord

    def all(self) -> list[LabCode]:
        return self._list(order=(LabCodeRecord.code,))
