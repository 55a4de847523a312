"""Repositories of the clinical records: patients, their measurements and labs, courses,
cycles, doses, checklist ticks, preparations, printed documents, and the site settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ino_desk.domain.cycles.course import Course, Cycle, DoseDay
from ino_desk.domain.patients.labs import LabResult, Measurement
from ino_desk.domain.patients.patient import Patient
from ino_desk.domain.records import ChecklistCompletion, DocumentRecord, PreparationRecord
from ino_desk.services.ports.change import Change, Repository

if TYPE_CHECKING:
    from ino_desk.domain.site_settings import SiteSettings


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
