"""An "entered in error" mark as the three columns every correctable table has (r0017)."""

from __future__ import annotations

from typing import Any

from ino_desk.domain.patients.corrections import EnteredInError

MARK = "entered_in_error"  # the entity field the columns stand for


def mark_columns(mark: EnteredInError | None) -> dict[str, Any]:
    if mark is None:
        return {"error_reason": None, "error_by": None, "error_at": None}
    return {"error_reason": mark.reason, "error_by": mark.by, "error_at": mark.at}


def mark_of(record: Any) -> EnteredInError | None:
    if record.error_at is None:
        return None
    return EnteredInError(record.error_reason or "", record.error_by or "", record.error_at)
