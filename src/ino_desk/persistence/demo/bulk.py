"""Bulk insert of rows given as Python values, with the same canonical state the ORM path gives.

Used where the ORM's per-row cost is too high (demo data). It converts each value the way the
column types do, so rows read back through the ORM equal what was written; `audit verify`
proves that agreement on every demo run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as _date_type
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Date, Table

from ino_desk.persistence.column_types import (
    DecimalText,
    EnumText,
    TextTuple,
    UtcDateTime,
    VialLots,
    utc_text,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date, datetime
    from enum import Enum

    from sqlalchemy import Connection


def _decimal(v: Any) -> Any:
    return None if v is None else str(v)


def _date(v: date | None) -> Any:
    return None if v is None else v.isoformat()


def _bool_store(v: bool | None) -> Any:
    return None if v is None else bool(v)  # SQLite stores 1/0; PostgreSQL wants a boolean


def _enum(v: Enum | None) -> Any:
    return None if v is None else v._value_  # `.value` is a slow descriptor in bulk


def _enum_not_null(v: Enum) -> Any:
    return v._value_


def _instant(v: datetime | None) -> Any:
    return None if v is None else utc_text(v)


def _text_tuple_store(v: tuple[str, ...] | None) -> Any:
    return None if v is None else json.dumps(list(v), ensure_ascii=False)


def _vial_lots_store(v: Any) -> Any:
    return None if v is None else _VIAL_LOTS.process_bind_param(v, None)  # type: ignore[arg-type]


_VIAL_LOTS = VialLots()


_encode_str = json.encoder.encode_basestring


def _null_or_str(value: str | None) -> str:
    return "null" if value is None else _encode_str(value)


def _null_or_int(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def _null_or_bool(value: int | None) -> str:
    return "null" if value is None else ("true" if value else "false")


def _null_or_json(value: str | None) -> str:
    if value is None:
        return "null"
    return json.dumps(json.loads(value), separators=(",", ":"), ensure_ascii=False)


def _column_codec(table: Table, column: Any) -> tuple[Callable[[Any], Any] | None, str]:
    """How one column's value is stored, and which fragment writer gives its canonical JSON."""
    kind = column.type
    if isinstance(kind, DecimalText):
        return _decimal, "NE"
    if isinstance(kind, UtcDateTime):
        return _instant, "NE"
    if isinstance(kind, EnumText):
        return _enum, "NE"
    if isinstance(kind, VialLots):
        return _vial_lots_store, "NJ"
    if isinstance(kind, TextTuple):
        return _text_tuple_store, "NJ"
    if isinstance(kind, Boolean):
        return _bool_store, "NB"
    if isinstance(kind, Date):
        return _date, "NE"
    if kind.python_type is int:
        return None, "NI"
    if kind.python_type is str:
        return None, "NE"
    raise TypeError(f"bulk insert cannot store {table.name}.{column.name}")  # pragma: no cover


# Store converters for NOT NULL columns: the same result without the None test.
_NOT_NULL_STORE: dict[Callable[[Any], Any] | None, Callable[[Any], Any]] = {
    _decimal: str,
    _date: _date_type.isoformat,
    _enum: _enum_not_null,
}


@dataclass(frozen=True, slots=True)
class TableWriter:
    """Stores rows of one table given as column -> Python value dicts."""

    table: Table
    columns: tuple[str, ...]
    convert: Callable[[dict[str, Any]], tuple[tuple[Any, ...], str]]

    @classmethod
    def for_table(cls, table: Table) -> TableWriter:
        """Compile one small function per table: per-value calls dominate bulk inserts."""
        columns = [c.name for c in table.columns]
        namespace: dict[str, Any] = {
            "NE": _null_or_str,
            "NI": _null_or_int,
            "NB": _null_or_bool,
            "NJ": _null_or_json,
            "E": _encode_str,
        }
        lines, writers = [], {}
        for i, column in enumerate(table.columns):
            to_store, writer = _column_codec(table, column)
            if not column.nullable:  # skip the None test where the schema rules None out
                to_store = _NOT_NULL_STORE.get(to_store, to_store)
                writer = {"NE": "E", "NI": "D"}.get(writer, writer)
            writers[column.name] = (i, writer)
            if to_store is None:
                lines.append(f"    v{i} = row[{column.name!r}]")
            else:
                namespace[f"S{i}"] = to_store
                lines.append(f"    v{i} = S{i}(row[{column.name!r}])")
        keys = sorted(columns)
        namespace["T"] = (
            "{"
            + ",".join(f"{_encode_str(k)}:{'%d' if writers[k][1] == 'D' else '%s'}" for k in keys)
            + "}"
        )
        stored = ", ".join(f"v{i}" for i in range(len(columns)))
        parts = ", ".join(
            f"v{i}" if writer == "D" else f"{writer}(v{i})"
            for i, writer in (writers[k] for k in keys)
        )
        source = "def convert(row):\n" + "\n".join(lines)
        source += f"\n    return ({stored},), T % ({parts},)\n"
        exec(compile(source, f"<bulk {table.name}>", "exec"), namespace)
        return cls(table, tuple(columns), namespace["convert"])

    def _sql(self, conn: Connection) -> str:
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        names = ", ".join(self.columns)
        marks = ", ".join(mark for _ in self.columns)
        return f"INSERT INTO {self.table.name} ({names}) VALUES ({marks})"

    def prepare(self, rows: Sequence[dict[str, Any]]) -> tuple[list[tuple[Any, ...]], list[str]]:
        """Each row in stored form (column order) and its canonical JSON state.

        The state text equals `audit.state_of` of the same row (a test holds them together).
        """
        stored_rows: list[tuple[Any, ...]] = []
        states: list[str] = []
        convert = self.convert
        for row in rows:
            stored, state = convert(row)
            stored_rows.append(stored)
            states.append(state)
        return stored_rows, states

    def insert(self, conn: Connection, stored_rows: Sequence[tuple[Any, ...]]) -> None:
        """Rows already in stored form, in column order."""
        if stored_rows:
            conn.exec_driver_sql(self._sql(conn), stored_rows)
