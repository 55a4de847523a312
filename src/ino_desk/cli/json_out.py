"""JSON writer that prints Decimals as exact JSON numbers (no detour through binary floats)."""

from __future__ import annotations

import json
from decimal import Decimal

from ino_desk.domain.quantities import format_number

Json = None | bool | int | str | Decimal | list["Json"] | dict[str, "Json"]


def dumps(value: Json, indent: int = 2, _level: int = 0) -> str:
    pad = " " * (indent * (_level + 1))
    end = " " * (indent * _level)
    if isinstance(value, Decimal):
        return format_number(value, group_thousands=False)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{pad}{json.dumps(k)}: {dumps(v, indent, _level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [f"{pad}{dumps(v, indent, _level + 1)}" for v in value]
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    return json.dumps(value, ensure_ascii=False)
