"""Typed database records: one class per table, grouped by feature in this package's modules.

A table class is named after the domain entity it stores plus `Record` (`Patient` ->
`PatientRecord`). Four entities already end in Record (`WasteRecord`, `PreparationRecord`,
`DocumentRecord`, `DoubleCheckRecord`): their tables are `<entity>Row`, because their
repositories use both classes and `<entity>Record` would give the row the entity's own name.

Importing the package loads every module, so `Base.metadata` always holds the whole schema
(migrations and schema comparisons need every table); callers import the records from here.
"""

from __future__ import annotations

from ino_desk.persistence.records.audit import AuditEventRecord, AuditHeadRecord
from ino_desk.persistence.records.base import Base
from ino_desk.persistence.records.bench import (
    BenchDoubleCheckRecord,
    BenchMarkRecord,
    ChecklistCompletionRecord,
    PreparationRecordRow,
    VialUseRecord,
    WasteRecordRow,
)
from ino_desk.persistence.records.courses import CourseRecord, CycleRecord, DoseDayRecord
from ino_desk.persistence.records.lab_feed import LabCodeRecord, LabMessageRecord
from ino_desk.persistence.records.paperwork import DocumentRecordRow
from ino_desk.persistence.records.patients import LabResultRecord, MeasurementRecord, PatientRecord
from ino_desk.persistence.records.site import SiteSettingsRecord
from ino_desk.persistence.records.staff import (
    AccountRecord,
    DoubleCheckRecordRow,
    KeyCertificateRecord,
    SignatureRecord,
    SignInEventRecord,
    UserKeyRecord,
)

__all__ = [
    "CLINICAL_RECORDS",
    "AccountRecord",
    "AuditEventRecord",
    "AuditHeadRecord",
    "Base",
    "BenchDoubleCheckRecord",
    "BenchMarkRecord",
    "ChecklistCompletionRecord",
    "CourseRecord",
    "CycleRecord",
    "DocumentRecordRow",
    "DoseDayRecord",
    "DoubleCheckRecordRow",
    "KeyCertificateRecord",
    "LabCodeRecord",
    "LabMessageRecord",
    "LabResultRecord",
    "MeasurementRecord",
    "PatientRecord",
    "PreparationRecordRow",
    "SignInEventRecord",
    "SignatureRecord",
    "SiteSettingsRecord",
    "UserKeyRecord",
    "VialUseRecord",
    "WasteRecordRow",
]

# Audited tables, by the entity name used in audit events.
CLINICAL_RECORDS: dict[str, type[Base]] = {
    "patient": PatientRecord,
    "measurement": MeasurementRecord,
    "lab_result": LabResultRecord,
    "course": CourseRecord,
    "cycle": CycleRecord,
    "dose_day": DoseDayRecord,
    "checklist_completion": ChecklistCompletionRecord,
    "preparation": PreparationRecordRow,
    "document": DocumentRecordRow,
    "site_settings": SiteSettingsRecord,
    "vial_use": VialUseRecord,
    "waste": WasteRecordRow,
    "bench_double_check": BenchDoubleCheckRecord,
    "bench_mark": BenchMarkRecord,
    "sign_in_event": SignInEventRecord,
    "signature": SignatureRecord,
    "double_check": DoubleCheckRecordRow,
    "lab_message": LabMessageRecord,
    "lab_code": LabCodeRecord,
}
