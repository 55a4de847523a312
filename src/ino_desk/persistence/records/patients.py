"""Tables of the patient chart: the patient, measurements and laboratory results."""

from __future__ import annotations

from datetime import date, datetime  # noqa: TC003 - Mapped[] annotations are read at run time
from decimal import Decimal  # noqa: TC003

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ino_desk.domain.patients.patient import Sex
from ino_desk.persistence.column_types import DecimalText, EnumText, UtcDateTime
from ino_desk.persistence.records.base import Base


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
