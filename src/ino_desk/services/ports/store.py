"""Ports: what the use cases need from storage, as Protocols the persistence layer fulfils."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, TypeVar

from ino_desk.domain.course import Course, Cycle, DoseDay, DoseStatus
from ino_desk.domain.labs import LabResult, Measurement
from ino_desk.domain.patient import Patient
from ino_desk.domain.records import ChecklistCompletion, DocumentRecord, PreparationRecord
from ino_desk.services.ports.change import Change, Repository
from ino_desk.services.ports.queue import QueueQueries

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ino_desk.domain.audit_anchors import AuditAnchor
    from ino_desk.domain.passwords import Passwords
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.site_settings import SiteSettings
    from ino_desk.domain.user_keys import Keyring
    from ino_desk.services.ports.bench import (
        BenchCheckRepository,
        BenchMarkRepository,
        VialUseRepository,
        WasteRepository,
    )
    from ino_desk.services.ports.billing import BillingQueries
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


class PatientRepository(Repository[Patient], Protocol):
    def by_mrn(self, mrn: str) -> Patient | None: ...


class MeasurementRepository(Repository[Measurement], Protocol):
    def for_patient(self, patient_id: int) -> list[Measurement]:
        """Newest first."""
        ...


class LabRepository(Repository[LabResult], Protocol):
    def for_patient(self, patient_id: int) -> list[LabResult]:
        """Newest first."""
        ...


class CourseRepository(Repository[Course], Protocol):
    def for_patient(self, patient_id: int) -> list[Course]: ...


class CycleRepository(Repository[Cycle], Protocol):
    def for_course(self, course_id: int) -> list[Cycle]:
        """In cycle-number order."""
        ...


class DoseRepository(Repository[DoseDay], Protocol):
    def for_cycle(self, cycle_id: int) -> list[DoseDay]:
        """In day order."""
        ...


class ChecklistRepository(Repository[ChecklistCompletion], Protocol):
    def for_dose(self, dose_id: int) -> list[ChecklistCompletion]: ...


class PreparationRepository(Repository[PreparationRecord], Protocol):
    def for_dose(self, dose_id: int) -> list[PreparationRecord]: ...


class DocumentRepository(Repository[DocumentRecord], Protocol):
    def count_printed(self, kind: str, dose_id: int | None, cycle_id: int | None) -> int: ...

    def printed(self, kind: str, dose_id: int | None, cycle_id: int | None) -> list[DocumentRecord]:
        """Every issue of this kind for the dose or cycle, newest first."""
        ...


class SettingsRepository(Protocol):
    def get(self) -> SiteSettings: ...

    def save(self, settings: SiteSettings, change: Change) -> SiteSettings: ...

    def has_backup_passphrase(self) -> bool: ...

    def set_backup_passphrase(self, passphrase: str | None, change: Change) -> None:
        """Backups encrypted under `passphrase` from now on (None: plain); only a verifier
        of it is stored."""
        ...


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
    def bench_checks(self) -> BenchCheckRepository: ...

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


@dataclass(frozen=True, slots=True)
class HealthCheck:
    name: str
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class DatabaseHealth:
    """`db check`: each check with its verdict; `problems` lists every problem found."""

    location: str
    checks: tuple[HealthCheck, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class AuditSummary:
    """`audit verify`: the first problem is the first broken event or row."""

    events: int
    rows: int
    problems: tuple[str, ...]
    note: str = ""  # e.g. verified after migrating a temporary copy of an older database
    signing: str = ""  # e.g. events unsigned because written before r0016 (issue 14)
    anchor_log: str = ""  # the anchor log beside the backups that was checked
    anchors: int = 0  # its anchors the trail must still hold
    anchor_problems: tuple[str, ...] = ()  # anchored events missing or with another hash
    given_anchor: str | None = None  # `--anchor`: None when it matches (or none given)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.anchor_problems and self.given_anchor is None


class DatabaseAdmin(Protocol):
    """Looking after the database itself: checks, backups, restore, demo data."""

    @property
    def location(self) -> str: ...

    def check(self) -> DatabaseHealth:
        """Read-only: never creates, migrates or changes the file; an older schema is checked
        on a migrated private copy. StoreUnavailableError only when nothing can be read."""
        ...

    def verify_audit(self, anchor: AuditAnchor | None = None) -> AuditSummary:
        """Read-only, as `check`; also the anchor log, and `anchor` read off paper."""
        ...

    @property
    def backup_kind(self) -> str:
        """How `backup` writes its copy when it is not a database file ("" when it is)."""
        ...

    def backup(self, dest: Path) -> Path: ...

    def init_server(self, owner: str, app: str) -> list[str]:
        """Least privilege on a server database (the steps done); StoreError for a file."""
        ...

    def check_restorable(self) -> None:
        """StoreError naming the supported path when this database is never replaced."""
        ...

    def restore(self, source: Path, passphrase: str | None = None) -> Path | None:
        """Returns where the replaced database was kept (None if there was none). An
        encrypted backup needs the site's backup passphrase (BackupRefusedError)."""
        ...

    def fill_demo(self, rules: ClinicalRules, patients: int, seed: int) -> int: ...
