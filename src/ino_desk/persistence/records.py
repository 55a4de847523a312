"""Typed database records: one class per table, named like the domain entity it stores."""

from __future__ import annotations

from datetime import date, datetime  # noqa: TC003 - Mapped[] annotations are read at run time
from decimal import Decimal  # noqa: TC003

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ino_desk.domain.bench.bench_marks import BenchEvent
from ino_desk.domain.bench.preparation import DilutedStorage
from ino_desk.domain.bench.vial_scan import VialSource
from ino_desk.domain.bench.waste import WasteKind
from ino_desk.domain.billing import BillingRounding
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.modifications import ReductionLevel  # noqa: TC001 - Mapped[] at run time
from ino_desk.domain.cycles.regimen import ExtensionReason, Response
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.patients.lab_messages import AckCode, MessageStatus
from ino_desk.domain.patients.lab_units import Analyte
from ino_desk.domain.patients.patient import Sex
from ino_desk.domain.printed.documents import LabelStock, PaperSize
from ino_desk.domain.records import AuditAction, DocumentKind, VialLot
from ino_desk.domain.staff.accounts import SignInOutcome
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.domain.staff.users import Role
from ino_desk.persistence.column_types import (
    DecimalText,
    EnumText,
    ReductionLevelInteger,
    TextTuple,
    UtcDateTime,
    VialLots,
)

# Named constraints, so migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PatientRecord(Base):
    __tablename__ = "patients"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mrn: Mapped[str] = mapped_column(String(32), unique=True)
    # Folded search keys, kept by the repository, so prefix search uses a plain index.
    mrn_key: Mapped[str] = mapped_column(String(32), index=True)
    name_key: Mapped[str] = mapped_column(String(210), index=True)
    family_name: Mapped[str] = mapped_column(String(100))
    given_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[Sex] = mapped_column(EnumText(Sex))
    no_known_allergies: Mapped[bool] = mapped_column(Boolean)
    allergies: Mapped[str] = mapped_column(Text)
    diagnosis: Mapped[str] = mapped_column(Text)


class MeasurementRecord(Base):
    __tablename__ = "measurements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    measured_on: Mapped[date] = mapped_column(Date)
    height_cm: Mapped[Decimal] = mapped_column(DecimalText)
    weight_kg: Mapped[Decimal] = mapped_column(DecimalText)
    # Entered in error (r0017): who marked it, when and why; NULL while it counts.
    error_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    error_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    error_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class LabResultRecord(Base):
    __tablename__ = "lab_results"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    drawn_on: Mapped[date] = mapped_column(Date)
    anc_10e9_per_l: Mapped[Decimal | None] = mapped_column(DecimalText)
    platelets_10e9_per_l: Mapped[Decimal | None] = mapped_column(DecimalText)
    platelets_transfused_since: Mapped[bool | None] = mapped_column(Boolean)
    total_bilirubin: Mapped[Decimal | None] = mapped_column(DecimalText)
    total_bilirubin_uln: Mapped[Decimal | None] = mapped_column(DecimalText)
    ast_u_per_l: Mapped[Decimal | None] = mapped_column(DecimalText)
    ast_uln_u_per_l: Mapped[Decimal | None] = mapped_column(DecimalText)
    alt_u_per_l: Mapped[Decimal | None] = mapped_column(DecimalText)
    alt_uln_u_per_l: Mapped[Decimal | None] = mapped_column(DecimalText)
    peripheral_blasts_per_mm3: Mapped[Decimal | None] = mapped_column(DecimalText)
    # Entered in error (r0017): who marked it, when and why; NULL while it counts.
    error_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    error_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    error_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # r0018: imported results (issue 19); "" for results typed in.
    source: Mapped[str] = mapped_column(String(200), server_default="")
    source_order: Mapped[str] = mapped_column(String(80), server_default="")


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


class CourseRecord(Base):
    __tablename__ = "courses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    hsct_planned: Mapped[bool | None] = mapped_column(Boolean)
    bsa_formula: Mapped[BsaFormula] = mapped_column(EnumText(BsaFormula))
    first_bsa_m2: Mapped[Decimal | None] = mapped_column(DecimalText)
    vod_diagnosed_on: Mapped[date | None] = mapped_column(Date)
    vod_diagnosed_by: Mapped[str | None] = mapped_column(String(100))
    low_counts_since: Mapped[date | None] = mapped_column(Date)
    crcl_ml_per_min: Mapped[int | None] = mapped_column(Integer)
    on_dialysis: Mapped[bool | None] = mapped_column(Boolean)
    facts_recorded_by: Mapped[str | None] = mapped_column(String(100))


class CycleRecord(Base):
    __tablename__ = "cycles"
    __table_args__ = (UniqueConstraint("course_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    number: Mapped[int] = mapped_column(Integer)
    start: Mapped[date] = mapped_column(Date)
    length_days: Mapped[int] = mapped_column(Integer)
    extension_reason: Mapped[ExtensionReason | None] = mapped_column(EnumText(ExtensionReason))
    regimen_row: Mapped[str] = mapped_column(String(40))
    bsa_formula: Mapped[BsaFormula] = mapped_column(EnumText(BsaFormula))
    bsa_m2: Mapped[Decimal] = mapped_column(DecimalText)
    dosing_bsa_m2: Mapped[Decimal] = mapped_column(DecimalText)
    height_cm: Mapped[Decimal] = mapped_column(DecimalText)
    weight_kg: Mapped[Decimal] = mapped_column(DecimalText)
    planned_by: Mapped[str] = mapped_column(String(100))
    overridden_findings: Mapped[tuple[str, ...]] = mapped_column(TextTuple)
    override_reason: Mapped[str] = mapped_column(Text)
    response: Mapped[Response | None] = mapped_column(EnumText(Response))
    mrd_negative: Mapped[bool | None] = mapped_column(Boolean)
    reduction_level: Mapped[ReductionLevel] = mapped_column(
        ReductionLevelInteger, server_default="0"
    )
    site_policy: Mapped[tuple[str, ...] | None] = mapped_column(TextTuple, nullable=True)
    prescriber_name: Mapped[str] = mapped_column(String(100), server_default="")
    prescriber_id: Mapped[str] = mapped_column(String(40), server_default="")


class DoseDayRecord(Base):
    __tablename__ = "dose_days"
    __table_args__ = (UniqueConstraint("cycle_id", "day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id"))
    day: Mapped[int] = mapped_column(Integer)
    planned_date: Mapped[date] = mapped_column(Date, index=True)
    window_start: Mapped[date] = mapped_column(Date)
    window_end: Mapped[date] = mapped_column(Date)
    mg_per_m2: Mapped[Decimal] = mapped_column(DecimalText)
    calculated_mg: Mapped[Decimal] = mapped_column(DecimalText)
    dose_mg: Mapped[Decimal] = mapped_column(DecimalText)
    vials: Mapped[int] = mapped_column(Integer)
    drug_volume_ml: Mapped[Decimal] = mapped_column(DecimalText)
    diluent_ml: Mapped[Decimal] = mapped_column(DecimalText)
    total_volume_ml: Mapped[Decimal] = mapped_column(DecimalText)
    status: Mapped[DoseStatus] = mapped_column(EnumText(DoseStatus))
    reduced_from_mg: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    held_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    released_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # r0013: the paper time of a decision recorded after a downtime (NULL: entered live).
    paper_time: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Prepared in a syringe (r0015): the site range and infusion time the dose was planned
    # with; all NULL for the label's infusion bag.
    syringe_min_mg_per_ml: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    syringe_max_mg_per_ml: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    syringe_infusion_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error_status: Mapped[DoseStatus | None] = mapped_column(EnumText(DoseStatus), nullable=True)
    # Entered in error (r0017): who marked it, when and why; NULL while it counts.
    error_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    error_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    error_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ChecklistCompletionRecord(Base):
    __tablename__ = "checklist_completions"
    # One tick in force per item; a tick entered in error may be followed by a new one.
    __table_args__ = (
        Index(
            "uq_checklist_in_force",
            "dose_id",
            "item_key",
            unique=True,
            sqlite_where=text("error_at IS NULL"),
            postgresql_where=text("error_at IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dose_id: Mapped[int] = mapped_column(ForeignKey("dose_days.id"))
    item_key: Mapped[str] = mapped_column(String(64))
    completed_by: Mapped[str] = mapped_column(String(100))
    completed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    premed_drug: Mapped[str | None] = mapped_column(String(100))
    premed_dose: Mapped[str | None] = mapped_column(String(40))
    premed_route: Mapped[str | None] = mapped_column(String(20))
    premed_given_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    infusion_start: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Entered in error (r0017): who marked it, when and why; NULL while it counts.
    error_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    error_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    error_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class PreparationRecordRow(Base):
    __tablename__ = "preparations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dose_id: Mapped[int] = mapped_column(ForeignKey("dose_days.id"), index=True)
    vial_lots: Mapped[tuple[VialLot, ...]] = mapped_column(VialLots)
    reconstituted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    diluted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    prepared_by: Mapped[str] = mapped_column(String(100))
    checked_by: Mapped[str] = mapped_column(String(100))
    # NULL on bags saved before r0009: storage not recorded (the shorter limit applies).
    diluted_storage: Mapped[DilutedStorage | None] = mapped_column(EnumText(DilutedStorage))


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


class VialUseRecord(Base):
    """A vial scanned or typed at the bench for a dose (issue 8)."""

    __tablename__ = "vial_uses"
    # A serial is used once across all doses; NULL (manual entry) is never a duplicate, and a
    # vial entered in error frees its serial for the dose it really went into.
    __table_args__ = (
        Index(
            "uq_vial_serial_in_force",
            "serial",
            unique=True,
            sqlite_where=text("error_at IS NULL"),
            postgresql_where=text("error_at IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dose_id: Mapped[int] = mapped_column(ForeignKey("dose_days.id"), index=True)
    gtin: Mapped[str | None] = mapped_column(String(14))
    lot: Mapped[str] = mapped_column(String(20))
    expiry: Mapped[date] = mapped_column(Date)
    serial: Mapped[str | None] = mapped_column(String(20))
    source: Mapped[VialSource] = mapped_column(EnumText(VialSource))
    manual_reason: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Entered in error (r0017): who marked it, when and why; NULL while it counts.
    error_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    error_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    error_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class WasteRecordRow(Base):
    """Drug discarded for a dose: vial residue or a whole dose past a limit (issue 8)."""

    __tablename__ = "waste_records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dose_id: Mapped[int] = mapped_column(ForeignKey("dose_days.id"), index=True)
    kind: Mapped[WasteKind] = mapped_column(EnumText(WasteKind))
    vials: Mapped[int] = mapped_column(Integer)
    discarded_mg: Mapped[Decimal] = mapped_column(DecimalText)
    reason: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class BenchDoubleCheckRecord(Base):
    """Figures a second person entered blind at the bench, and which disagreed (issue 8)."""

    __tablename__ = "bench_double_checks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dose_id: Mapped[int] = mapped_column(ForeignKey("dose_days.id"), index=True)
    checked_by: Mapped[str] = mapped_column(String(100))
    dose_mg: Mapped[Decimal] = mapped_column(DecimalText)
    drug_volume_ml: Mapped[Decimal] = mapped_column(DecimalText)
    vials: Mapped[int] = mapped_column(Integer)
    lot: Mapped[str] = mapped_column(String(20))
    mismatches: Mapped[tuple[str, ...]] = mapped_column(TextTuple)
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime)


class BenchMarkRecord(Base):
    """A press of Reconstituted or Diluted at the bench, kept the moment it happens (issue 8)."""

    __tablename__ = "bench_marks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dose_id: Mapped[int] = mapped_column(ForeignKey("dose_days.id"), index=True)
    event: Mapped[BenchEvent] = mapped_column(EnumText(BenchEvent))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
    # How a diluted bag is kept (dilutions only); NULL before r0009: not recorded.
    storage: Mapped[DilutedStorage | None] = mapped_column(EnumText(DilutedStorage))
    # Entered in error (r0017): who marked it, when and why; NULL while it counts.
    error_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    error_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    error_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # A time entered afterwards (r0020): when it was typed and why; NULL and "" when pressed.
    entered_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    time_reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class SiteSettingsRecord(Base):
    """A single row (id 1): the settings every workstation on this database shares."""

    __tablename__ = "site_settings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_name: Mapped[str] = mapped_column(String(100))
    bsa_formula: Mapped[BsaFormula] = mapped_column(EnumText(BsaFormula))
    dose_rounding_percent: Mapped[Decimal | None] = mapped_column(DecimalText)
    bsa_cap_m2: Mapped[Decimal | None] = mapped_column(DecimalText)
    bsa_change_alert_percent: Mapped[Decimal] = mapped_column(DecimalText)
    premedication_lead_minutes: Mapped[int] = mapped_column(Integer)
    premedication_template: Mapped[str] = mapped_column(Text)
    paper_size: Mapped[PaperSize] = mapped_column(EnumText(PaperSize))
    label_stock: Mapped[LabelStock] = mapped_column(EnumText(LabelStock))
    password_max_age_days: Mapped[int | None] = mapped_column(Integer)
    planner_may_verify: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # The site-entered syringe method (r0015); all NULL while not entered.
    syringe_min_mg_per_ml: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    syringe_max_mg_per_ml: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    syringe_volumes_ml: Mapped[str | None] = mapped_column(Text, nullable=True)
    syringe_infusion_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Plausible ranges of typed values as "name low high" lines (r0017); NULL: the defaults.
    plausible_ranges: Mapped[str | None] = mapped_column(Text, nullable=True)
    # r0018; NULL: saved before, the CMS default (administered up, discarded down).
    billing_rounding: Mapped[BillingRounding | None] = mapped_column(
        EnumText(BillingRounding), nullable=True
    )
    # persistence/backups/backup_crypto.py: public key and wrapped private key; never the passphrase
    backup_key: Mapped[str | None] = mapped_column(Text, nullable=True)


class AccountRecord(Base):
    """A user. Audited without `password_hash`, so it is not in CLINICAL_RECORDS."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(EnumText(Role))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    active: Mapped[bool] = mapped_column(Boolean)
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SignInEventRecord(Base):
    __tablename__ = "sign_in_events"
    __table_args__ = (Index(None, "username", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    outcome: Mapped[SignInOutcome] = mapped_column(EnumText(SignInOutcome, 64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SignatureRecord(Base):
    __tablename__ = "signatures"
    __table_args__ = (Index(None, "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    full_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(EnumText(Role))
    meaning: Mapped[Meaning] = mapped_column(EnumText(Meaning))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    voided: Mapped[bool] = mapped_column(Boolean)
    void_reason: Mapped[str] = mapped_column(Text)
    paper_time: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)  # r0013
    signer_key: Mapped[str | None] = mapped_column(String(64))  # r0016: Ed25519 public key
    key_signature: Mapped[str | None] = mapped_column(String(128))


class DoubleCheckRecordRow(Base):
    __tablename__ = "double_checks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dose_id: Mapped[int] = mapped_column(ForeignKey("dose_days.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    full_name: Mapped[str] = mapped_column(String(100))
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    dose_mg: Mapped[Decimal] = mapped_column(DecimalText)
    drug_volume_ml: Mapped[Decimal] = mapped_column(DecimalText)
    vials: Mapped[int] = mapped_column(Integer)
    mismatches: Mapped[tuple[str, ...]] = mapped_column(TextTuple)
    paper_time: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)  # r0013


class AuditEventRecord(Base):
    """The hash-chained audit trail; `seq` has no gaps, so a removed event is noticed."""

    __tablename__ = "audit_events"
    # Verification walks each entity's events in id order next to its table; so does history.
    __table_args__ = (Index(None, "entity", "entity_id", "seq"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    who: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[AuditAction] = mapped_column(EnumText(AuditAction))
    before_state: Mapped[str | None] = mapped_column(Text)
    after_state: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # r0016: the actor's Ed25519 public key and signature over `hash` (NULL before r0016).
    signer_key: Mapped[str | None] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String(128))


class AuditHeadRecord(Base):
    """One row: the last event's number and hash. Writers lock it, so the chain stays linear."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


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
