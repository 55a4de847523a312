"""Tables of the people who sign: accounts, sign-ins, electronic signatures, signed double
checks, and each user's signing key with its certificates (r0016)."""

from __future__ import annotations

from datetime import datetime  # noqa: TC003 - Mapped[] annotations are read at run time
from decimal import Decimal  # noqa: TC003

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ino_desk.domain.staff.accounts import SignInOutcome
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.domain.staff.users import Role
from ino_desk.persistence.column_types import DecimalText, EnumText, TextTuple, UtcDateTime
from ino_desk.persistence.records.base import Base


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


class UserKeyRecord(Base):
    """A user's public key and the private key wrapped under the password; `wrapped` is not
    audited (like the password hash), every other column is."""

    __tablename__ = "user_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    public_key: Mapped[str] = mapped_column(String(64), unique=True)
    wrapped: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class KeyCertificateRecord(Base):
    __tablename__ = "key_certificates"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(40))
    role: Mapped[Role] = mapped_column(EnumText(Role))
    valid_from: Mapped[datetime] = mapped_column(UtcDateTime)
    issuer_key: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(128))
