"""The store: one unit of work (session + audit log) per user action, retried while busy."""

from __future__ import annotations

import logging
import random
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ino_desk.domain.staff.passwords import product_passwords
from ino_desk.domain.staff.user_keys import Keyring
from ino_desk.persistence.audit.anchor_log import append_anchor, head_of
from ino_desk.persistence.audit.audit import AuditLog
from ino_desk.persistence.queries.billing_queries import SqlBillingQueries
from ino_desk.persistence.queries.queries import SqlQueries
from ino_desk.persistence.repositories.account_repositories import (
    SqlAccounts,
    SqlDoubleChecks,
    SqlSignatures,
    SqlSignIns,
)
from ino_desk.persistence.repositories.bench_repositories import (
    SqlBenchMarks,
    SqlVialUses,
    SqlWaste,
)
from ino_desk.persistence.repositories.interface_repositories import SqlLabCodes, SqlLabMessages
from ino_desk.persistence.repositories.key_repositories import SqlCertificates, SqlUserKeys
from ino_desk.persistence.repositories.repositories import (
    SqlChecklist,
    SqlCourses,
    SqlCycles,
    SqlDocuments,
    SqlDoses,
    SqlLabs,
    SqlMeasurements,
    SqlPatients,
    SqlPreparations,
)
from ino_desk.persistence.repositories.settings_repository import SqlSettings
from ino_desk.persistence.server.server import is_retryable
from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Engine

    from ino_desk.domain.printed.audit_anchors import AuditAnchor
    from ino_desk.domain.staff.passwords import Passwords
    from ino_desk.persistence.sqlite.sqlite_engine import Database
    from ino_desk.services.ports.store import UnitOfWork

T = TypeVar("T")
log = logging.getLogger(__name__)

RETRY_SECONDS = 60.0  # how long a user action waits for another writer before giving up


def utc_now() -> datetime:
    return datetime.now(UTC)


class SqlUnitOfWork:
    def __init__(self, session: Session, now: datetime, keys: Keyring | None = None) -> None:
        self._now = now
        self._session = session
        self.keys = Keyring() if keys is None else keys
        audit = AuditLog(session, now, self.keys)
        self.patients = SqlPatients(session, audit)
        self.measurements = SqlMeasurements(session, audit)
        self.labs = SqlLabs(session, audit)
        self.courses = SqlCourses(session, audit)
        self.cycles = SqlCycles(session, audit)
        self.doses = SqlDoses(session, audit)
        self.checklist = SqlChecklist(session, audit)
        self.preparations = SqlPreparations(session, audit)
        self.documents = SqlDocuments(session, audit)
        self.settings = SqlSettings(session, audit)
        self.queries = SqlQueries(session)
        self.vial_uses = SqlVialUses(session, audit)
        self.waste = SqlWaste(session, audit)
        self.bench_marks = SqlBenchMarks(session, audit)
        self.users = SqlAccounts(session, audit)
        self.sign_ins = SqlSignIns(session, audit)
        self.signatures = SqlSignatures(session, audit)
        self.double_checks = SqlDoubleChecks(session, audit)
        self.user_keys = SqlUserKeys(session, audit)
        self.certificates = SqlCertificates(session, audit)
        self.lab_messages = SqlLabMessages(session, audit)
        self.lab_codes = SqlLabCodes(session, audit)
        self.billing = SqlBillingQueries(session)

    def now(self) -> datetime:
        return self._now

    def audit_head(self) -> AuditAnchor:
        return head_of(self._session.connection())


def _is_busy(exc: DBAPIError) -> bool:
    """Another writer holds the lock (SQLite), or the server asks to try again (PostgreSQL)."""
    if is_retryable(exc.orig or exc):
        return True
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


class SqlStore:
    """Implements `services.ports.Store` on a `Database`."""

    def __init__(
        self,
        database: Database,
        clock: Callable[[], datetime] = utc_now,
        retry_seconds: float = RETRY_SECONDS,
        passwords: Passwords | None = None,
    ) -> None:
        self.database = database
        # The verifier is the composition root's (app.py); without one, the product's own.
        self.passwords = product_passwords() if passwords is None else passwords
        self.keys = Keyring()  # signing keys unlocked by sign-ins in this process
        self._clock = clock
        self._retry_seconds = retry_seconds

    def write(self, action: Callable[[UnitOfWork], T]) -> T:
        return self._run(self.database.write_engine, action, commit=True)

    def read(self, action: Callable[[UnitOfWork], T]) -> T:
        return self._run(self.database.engine, action, commit=False)

    def _run(self, engine: Engine, action: Callable[[UnitOfWork], T], *, commit: bool) -> T:
        deadline = time.monotonic() + self._retry_seconds
        pause = 0.01
        while True:
            try:
                with Session(engine, expire_on_commit=False, autoflush=False) as session:
                    result = action(SqlUnitOfWork(session, self._clock(), self.keys))
                    if commit:
                        session.commit()
                    return result  # leaving the block rolls back whatever was not committed
            except DBAPIError as exc:
                if _is_busy(exc) and time.monotonic() < deadline:
                    log.info("database busy; retrying")
                    time.sleep(pause * (1 + random.random()))
                    pause = min(pause * 2, 0.5)
                    continue
                raise self.database.explain(exc.orig or exc) or exc from exc

    def anchor(self, reason: str) -> None:
        """The head now, appended to the anchor log beside the backups (when there is one)."""
        log_path = self.database.anchor_log
        if log_path is None:
            return
        head = self.read(lambda uow: uow.audit_head())
        try:
            append_anchor(log_path, head, reason)
        except OSError as exc:
            raise StoreError(
                f"The audit anchor could not be added to {log_path}: {exc.strerror or exc}"
            ) from exc
