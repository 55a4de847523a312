"""Tables of preparing a dose: checklist ticks, vials, bench times and blind figures,
waste and the saved preparation."""

from __future__ import annotations

from datetime import date, datetime  # noqa: TC003 - Mapped[] annotations are read at run time
from decimal import Decimal  # noqa: TC003

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ino_desk.domain.bench.bench_marks import BenchEvent
from ino_desk.domain.bench.preparation import DilutedStorage
from ino_desk.domain.bench.vial_scan import VialSource
from ino_desk.domain.bench.waste import WasteKind
from ino_desk.domain.records import VialLot  # noqa: TC001 - Mapped[] at run time
from ino_desk.persistence.column_types import (
    DecimalText,
    EnumText,
    TextTuple,
    UtcDateTime,
    VialLots,
)
from ino_desk.persistence.records.base import Base


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
