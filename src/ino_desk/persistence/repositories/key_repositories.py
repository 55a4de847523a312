"""Repositories for users' signing keys and certificates; the wrapped private key is never
part of an audited state (like the password hash)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from ino_desk.domain.records import AuditAction
from ino_desk.domain.staff.user_keys import KeyCertificate, UserKey
from ino_desk.persistence.audit.audit import state_of
from ino_desk.persistence.records import KeyCertificateRecord, UserKeyRecord
from ino_desk.persistence.repositories.repositories import SqlRepository

if TYPE_CHECKING:
    from ino_desk.persistence.records import Base
    from ino_desk.services.ports.change import Change

KEY_SECRET_COLUMNS = frozenset({"wrapped"})


def public_state(record: Base, secret: frozenset[str] = KEY_SECRET_COLUMNS) -> str:
    """The audited state of a row: every column but the secret ones."""
    table = record.__table__
    return state_of({c.name: getattr(record, c.key) for c in table.columns if c.name not in secret})


class SqlUserKeys(SqlRepository[UserKey, UserKeyRecord]):
    entity, label, domain_type, record_type = "user_key", "signing key", UserKey, UserKeyRecord

    def add(self, entity: UserKey, change: Change) -> UserKey:
        if entity.id is not None:
            raise ValueError("this key is already stored")
        record = UserKeyRecord(**self._values(entity))
        self._session.add(record)
        self._session.flush()
        state = public_state(record)
        self._audit.record(self.entity, record.id, AuditAction.CREATE, None, state, change)
        return self._to_domain(record)

    def update(self, entity: UserKey, change: Change) -> UserKey:
        """A retirement is audited; a new wrapping of the same key (password change) is not a
        change of anything the trail shows."""
        if entity.id is None:
            raise ValueError("this key was never stored")
        record = self._record(entity.id)
        before = public_state(record)
        for name, value in self._values(entity).items():
            setattr(record, name, value)
        self._session.flush()
        after = public_state(record)
        if after != before:
            self._audit.record(self.entity, entity.id, AuditAction.UPDATE, before, after, change)
        return self._to_domain(record)

    def current_for(self, user_id: int) -> UserKey | None:
        r = UserKeyRecord
        stmt = select(r).where(r.user_id == user_id, r.retired_at.is_(None)).order_by(r.id.desc())
        record = self._session.scalars(stmt).first()
        return None if record is None else self._to_domain(record)


class SqlCertificates(SqlRepository[KeyCertificate, KeyCertificateRecord]):
    entity, label, domain_type, record_type = (
        "key_certificate",
        "key certificate",
        KeyCertificate,
        KeyCertificateRecord,
    )

    def root(self) -> KeyCertificate | None:
        """The site's first administrator's self-signed certificate."""
        r = KeyCertificateRecord
        stmt = select(r).where(r.issuer_key == r.public_key).order_by(r.id)
        record = self._session.scalars(stmt).first()
        return None if record is None else self._to_domain(record)

    def for_key(self, public_key: str) -> list[KeyCertificate]:
        r = KeyCertificateRecord
        return self._list(r.public_key == public_key, order=(r.id,))
