"""Qt's date and Python's date, one way and the other (every date field of the desk)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def qdate_to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
