"""Use case: record an issued document by its content hash; the same content again is a reprint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.records import DocumentKind, DocumentRecord
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


def record_document(
    store: Store,
    kind: DocumentKind,
    content_sha256: str,
    who: User,
    *,
    dose_id: int | None = None,
    cycle_id: int | None = None,
    printed_at: datetime | None = None,
) -> DocumentRecord:
    """Every issue is stored; it is a reprint when this kind for this dose/cycle was issued
    before with the same content hash (the sealed document's hash, not the PDF bytes, which
    carry their creation time). Changed content is a new original.

    `printed_at` lets the caller store the instant it printed as the date written; default now.
    """
    if dose_id is None and cycle_id is None:
        raise InputError("document", "belongs to a dose or a cycle")

    def action(uow: UnitOfWork) -> DocumentRecord:
        change = change_by(uow, who, Permission.PRINT_DOCUMENTS)
        if dose_id is not None:
            uow.doses.get(dose_id)
        if cycle_id is not None:
            uow.cycles.get(cycle_id)
        earlier = uow.documents.printed(kind.value, dose_id, cycle_id)
        reprint = any(e.content_sha256 == content_sha256 for e in earlier)
        when = uow.now() if printed_at is None else printed_at
        record = DocumentRecord(kind, dose_id, cycle_id, content_sha256, change.who, when, reprint)
        return uow.documents.add(record, change)

    return store.write(action)
