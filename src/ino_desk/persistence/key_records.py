"""Tables of users' signing keys and their certificates (r0016).

Kept apart from `records.py` (already long); `migrate.py` and the key repositories import it,
so its tables are part of `Base.metadata` wherever the schema is compared or written.
"""

from __future__ import annotations

from datetime import datetime  # noqa: TC003 - Mapped[] annotations are read at run time

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ino_desk.domain.staff.users import Role
from ino_desk.persistence.column_types import EnumText, UtcDateTime
from ino_desk.persistence.records import Base


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
