"""Tables of planning: the course, its cycles and each cycle's dose days."""

from __future__ import annotations

from datetime import date, datetime  # noqa: TC003 - Mapped[] annotations are read at run time
from decimal import Decimal  # noqa: TC003

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.modifications import ReductionLevel  # noqa: TC001 - Mapped[] at run time
from ino_desk.domain.cycles.regimen import ExtensionReason, Response
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.persistence.column_types import (
    DecimalText,
    EnumText,
    ReductionLevelInteger,
    TextTuple,
    UtcDateTime,
)
from ino_desk.persistence.records.base import Base


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
