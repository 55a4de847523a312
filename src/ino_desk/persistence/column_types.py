"""Column types that store domain values exactly and portably (no floats, no naive times)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import Integer, String, Text
from sqlalchemy.types import TypeDecorator

from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.records import VialLot

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect

S = TypeVar("S", bound=StrEnum)


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal kept as its exact text: SQLite's NUMERIC would round-trip through a float."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal) or not value.is_finite():
            raise TypeError(f"expected a finite Decimal, got {value!r}")
        return str(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(str(value))


def utc_text(value: datetime) -> str:
    """The one text form of an instant: UTC, microseconds, `+00:00` (sorts as time)."""
    if value.tzinfo is None:
        raise ValueError("a stored time must carry its timezone")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


class UtcDateTime(TypeDecorator[datetime]):
    """An aware instant stored as fixed-width UTC ISO text; read back aware in UTC."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else utc_text(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(str(value))


class EnumText(TypeDecorator[S], Generic[S]):
    """A StrEnum stored as its value; no database enum type, so adding a member needs no DDL."""

    impl = String  # VARCHAR(length): 32 unless a column needs longer values
    cache_ok = True

    def __init__(self, enum_type: type[S], length: int = 32) -> None:
        super().__init__(length)
        self.enum_type = enum_type

    def process_bind_param(self, value: S | None, dialect: Dialect) -> str | None:
        return None if value is None else self.enum_type(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> S | None:
        return None if value is None else self.enum_type(value)


class TextTuple(TypeDecorator[tuple[str, ...]]):
    """A short tuple of strings as a JSON list."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: tuple[str, ...] | None, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(list(value), ensure_ascii=False)

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[str, ...] | None:
        return None if value is None else tuple(str(v) for v in json.loads(value))


class VialLots(TypeDecorator[tuple[VialLot, ...]]):
    """Vial lots and expiry dates as a JSON list of objects."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: tuple[VialLot, ...] | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps([{"lot": v.lot, "expiry": v.expiry.isoformat()} for v in value])

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[VialLot, ...] | None:
        if value is None:
            return None
        return tuple(
            VialLot(str(v["lot"]), date.fromisoformat(str(v["expiry"]))) for v in json.loads(value)
        )


class ReductionLevelInteger(TypeDecorator[ReductionLevel]):
    """A cycle's reduction level as its step number (0 is full dose)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: ReductionLevel | None, dialect: Dialect) -> int | None:
        return None if value is None else int(ReductionLevel(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> ReductionLevel | None:
        return None if value is None else ReductionLevel(int(value))
