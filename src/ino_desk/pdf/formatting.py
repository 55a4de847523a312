"""Dates and times as printed: ISO order, weekday spelled out, never locale-dependent."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date, datetime

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_text(when: date) -> str:
    """`Wed 2026-11-25`: unambiguous in every country, with the weekday nurses plan by."""
    return f"{_WEEKDAYS[when.weekday()]} {when.isoformat()}"


def time_text(when: datetime) -> str:
    """`Wed 2026-11-25 09:30 UTC`: local clock time with its zone, to the minute."""
    zone = when.tzname() or ""
    return f"{day_text(when.date())} {when:%H:%M} {zone}".rstrip()


def short_time_text(when: datetime) -> str:
    """`2026-11-25 09:30 UTC`: for a label's narrow column; still a full date and its zone."""
    zone = when.tzname() or ""
    return f"{when:%Y-%m-%d %H:%M} {zone}".rstrip()
