"""Qt's date and Python's date, one way and the other (every date field of the desk)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from ino_desk.domain.errors import InputError


def qdate_to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_edit() -> QDateEdit:
    """A date field opening on today, with a calendar, in ISO form."""
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def typed_date(field: str, text: str) -> date:
    """A date typed in full (YYYY-MM-DD). Fields where a default would save unnoticed (a date
    of birth, a vial's expiry) start empty and are read through this: missing or malformed
    input is refused naming the field, never replaced by today."""
    typed = text.strip()
    if not typed:
        raise InputError(field, "is required (YYYY-MM-DD)")
    try:
        return date.fromisoformat(typed)
    except ValueError:
        raise InputError(field, f"{typed!r} is not a date; use YYYY-MM-DD") from None
