"""Read models for the screens: patient search and doses due."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError

if TYPE_CHECKING:
    from datetime import date

    from ino_desk.services.ports.store import DueDoseRow, PatientRow, Store

MAX_ROWS = 500


def search_patients(store: Store, text: str, limit: int = 50) -> list[PatientRow]:
    """By MRN prefix or by "family[, given]" name prefix, case-insensitive."""
    if not 1 <= limit <= MAX_ROWS:
        raise InputError("limit", f"allowed 1 to {MAX_ROWS}")
    query = text.strip()
    if not query:
        return []
    return store.read(lambda uow: uow.queries.search_patients(query, limit))


def doses_due(store: Store, first: date, last: date, limit: int = MAX_ROWS) -> list[DueDoseRow]:
    """Doses planned from `first` to `last` (inclusive), by date then patient."""
    if last < first:
        raise InputError("dates", "the last date is before the first")
    if not 1 <= limit <= MAX_ROWS:
        raise InputError("limit", f"allowed 1 to {MAX_ROWS}")
    return store.read(lambda uow: uow.queries.doses_due(first, last, limit))


def has_patients(store: Store) -> bool:
    """False on a new, empty database: the GUI then offers demo data."""
    return store.read(lambda uow: uow.queries.patient_count()) > 0
