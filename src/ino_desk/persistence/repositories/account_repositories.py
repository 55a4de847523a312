"""Repositories for users, sign-in events, signatures and double checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ino_desk.domain.records import AuditAction
from ino_desk.domain.staff.accounts import (
    Account,
    DoubleCheckRecord,
    SignInEvent,
    SignInOutcome,
    StoredSignature,
)
from ino_desk.persistence.audit.audit import state_of
from ino_desk.persistence.records import (
    AccountRecord,
    DoubleCheckRecordRow,
    SignatureRecord,
    SignInEventRecord,
)
from ino_desk.persistence.repositories.repositories import SqlRepository

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.services.ports.change import Change

SECRET_COLUMNS = frozenset({"password_hash"})


def account_state(record: AccountRecord) -> str:
    """The audited state of a user: every column except the password hash."""
    table = record.__table__
    return state_of(
        {c.name: getattr(record, c.key) for c in table.columns if c.name not in SECRET_COLUMNS}
    )


class SqlAccounts(SqlRepository[Account, AccountRecord]):
    entity, label, domain_type, record_type = "user", "user", Account, AccountRecord

    def add(self, entity: Account, change: Change) -> Account:
        if entity.id is not None:
            raise ValueError("this user is already stored")
        record = AccountRecord(**self._values(entity))
        self._session.add(record)
        self._session.flush()
        self._audit.record(
            self.entity, record.id, AuditAction.CREATE, None, account_state(record), change
        )
        return self._to_domain(record)

    def update(self, entity: Account, change: Change) -> Account:
        if entity.id is None:
            raise ValueError("this user was never stored")
        record = self._record(entity.id)
        before = account_state(record)
        hash_changed = record.password_hash != entity.password_hash
        for name, value in self._values(entity).items():
            setattr(record, name, value)
        self._session.flush()
        after = account_state(record)
        if after != before or hash_changed:
            self._audit.record(self.entity, entity.id, AuditAction.UPDATE, before, after, change)
        return self._to_domain(record)

    def by_username(self, username: str) -> Account | None:
        stmt = select(AccountRecord).where(AccountRecord.username == username)
        record = self._session.scalars(stmt).one_or_none()
        return None if record is None else self._to_domain(record)

    def all(self) -> list[Account]:
        return self._list(order=(AccountRecord.username,))

    def count(self) -> int:
        return int(self._session.execute(select(func.count(AccountRecord.id))).scalar_one())


class SqlSignIns(SqlRepository[SignInEvent, SignInEventRecord]):
    entity, label, domain_type, record_type = (
        "sign_in_event",
        "sign-in event",
        SignInEvent,
        SignInEventRecord,
    )

    def since_reset(self, username: str) -> list[SignInEvent]:
        r = SignInEventRecord
        resets = [o for o in SignInOutcome if o.resets_failures]
        last_reset = (
            select(func.coalesce(func.max(r.id), 0))
            .where(r.username == username, r.outcome.in_(resets))
            .scalar_subquery()
        )
        return self._list(r.username == username, r.id > last_reset, order=(r.id,))

    def unknown_name_failures_since(self, since: datetime) -> int:
        r = SignInEventRecord
        failed = (SignInOutcome.FAILED, SignInOutcome.LOCKED_OUT)
        stmt = select(func.count(r.id)).where(
            r.user_id.is_(None), r.outcome.in_(failed), r.at > since
        )
        return int(self._session.execute(stmt).scalar_one())


class SqlSignatures(SqlRepository[StoredSignature, SignatureRecord]):
    entity, label, domain_type, record_type = (
        "signature",
        "signature",
        StoredSignature,
        SignatureRecord,
    )

    def for_entity(self, entity: str, entity_id: int) -> list[StoredSignature]:
        r = SignatureRecord
        return self._list(r.entity == entity, r.entity_id == entity_id, order=(r.id,))


class SqlDoubleChecks(SqlRepository[DoubleCheckRecord, DoubleCheckRecordRow]):
    entity, label, domain_type, record_type = (
        "double_check",
        "double check",
        DoubleCheckRecord,
        DoubleCheckRecordRow,
    )

    def for_dose(self, dose_id: int) -> list[DoubleCheckRecord]:
        r = DoubleCheckRecordRow
        return self._list(r.dose_id == dose_id, order=(r.id,))
