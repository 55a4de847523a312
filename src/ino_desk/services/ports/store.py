"""Ports: what the use cases need from storage, as Protocols the persistence layer fulfils."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, TypeVar

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.services.ports.queue import QueueQueries

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.printed.audit_anchors import AuditAnchor
    from ino_desk.domain.staff.passwords import Passwords
    from ino_desk.domain.staff.user_keys import Keyring
    from ino_desk.services.ports.bench import (
        BenchMarkRepository,
        VialUseRepository,
        WasteRepository,
    )
    from ino_desk.services.ports.billing import BillingQueries
    from ino_desk.services.ports.clinical import (
        ChecklistRepository,
        CourseRepository,
        CycleRepository,
        DocumentRepository,
        DoseRepository,
        LabRepository,
        MeasurementRepository,
        PatientRepository,
        PreparationRepository,
        SettingsRepository,
    )
    from ino_desk.services.ports.interfaces import LabCodeRepository, LabMessageRepository
    from ino_desk.services.ports.users import (
        AccountRepository,
        CertificateRepository,
        DoubleCheckRepository,
        SignatureRepository,
        SignInLog,
        UserKeyRepository,
    )

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PatientRow:
    """One line of the patient search table."""

    id: int
    mrn: str
    family_name: str
    given_name: str
    date_of_birth: date


@dataclass(frozen=True, slots=True)
class DueDoseRow:
    """One line of the "doses due" table."""

    dose_id: int
    patient_id: int
    mrn: str
    patient_name: str
    cycle_id: int
    cycle_number: int
    day: int
    planned_date: date
    dose_mg: Decimal
    status: DoseStatus


class Queries(QueueQueries, Protocol):
    """Read models for the screens' tables (the work queue's in `ports_queue`)."""

    def search_patients(self, text: str, limit: int) -> list[PatientRow]:
        """MRN prefix or family-name prefix (", given" narrows by given-name prefix)."""
        ...

    def doses_due(self, first: date, last: date, limit: int) -> list[DueDoseRow]: ...

    def patient_count(self) -> int:
        """How many patients are stored (the GUI offers demo data when there are none)."""
        ...


class UnitOfWork(Protocol):
    """One user action's view of storage; its writes land together or not at all."""

    @property
    def patients(self) -> PatientRepository: ...

    @property
    def measurements(self) -> MeasurementRepository: ...

    @property
    def labs(self) -> LabRepository: ...

    @property
    def courses(self) -> CourseRepository: ...

    @property
    def cycles(self) -> CycleRepository: ...

    @property
    def doses(self) -> DoseRepository: ...

    @property
    def checklist(self) -> ChecklistRepository: ...

    @property
    def preparations(self) -> PreparationRepository: ...

    @property
    def documents(self) -> DocumentRepository: ...

    @property
    def settings(self) -> SettingsRepository: ...

    @property
    def queries(self) -> Queries: ...

    @property
    def vial_uses(self) -> VialUseRepository: ...

    @property
    def waste(self) -> WasteRepository: ...

    @property
    def bench_marks(self) -> BenchMarkRepository: ...

    @property
    def users(self) -> AccountRepository: ...

    @property
    def sign_ins(self) -> SignInLog: ...

    @property
    def signatures(self) -> SignatureRepository: ...

    @property
    def double_checks(self) -> DoubleCheckRepository: ...

    @property
    def user_keys(self) -> UserKeyRepository: ...

    @property
    def certificates(self) -> CertificateRepository: ...

    @property
    def keys(self) -> Keyring:
        """The store's unlocked signing keys: the audit log signs each actor's events."""
        ...

    @property
    def lab_messages(self) -> LabMessageRepository: ...

    @property
    def lab_codes(self) -> LabCodeRepository: ...

    @property
    def billing(self) -> BillingQueries: ...

    def now(self) -> datetime:
        """The time (UTC, timezone-aware) stamped on this action's audit events."""
        ...

    def audit_head(self) -> AuditAnchor:
        """The audit trail's head as this action sees it (printed on documents)."""
        ...


class Store(Protocol):
    """Runs one user action in one transaction; retries transparently while the file is busy."""

    @property
    def passwords(self) -> Passwords:
        """The password verifier the composition root built (product cost and minimum)."""
        ...

    @property
    def keys(self) -> Keyring:
        """The signing keys unlocked by sign-ins in this process (memory only)."""
        ...

    def write(self, action: Callable[[UnitOfWork], T]) -> T:
        """Run `action` and commit; on any exception nothing of it is kept."""
        ...

    def read(self, action: Callable[[UnitOfWork], T]) -> T: ...

    def anchor(self, reason: str) -> None:
        """Append the audit trail's head to the anchor log kept outside the file."""
        ...
