"""Use case: record a printed document by its content hash; later prints are reprints."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.records import DocumentKind, DocumentRecord
from ino_desk.services.ports import Change

if TYPE_CHECKING:
    from ino_desk.services.ports import Store, UnitOfWork


def record_document(
    store: Store,
    kind: DocumentKind,
    content: bytes,
    who: str,
    *,
    dose_id: int | None = None,
    cycle_id: int | None = None,
) -> DocumentRecord:
    """Every print is stored; the first for its kind and dose/cycle is the original."""
    if dose_id is None and cycle_id is None:
        raise InputError("document", "belongs to a dose or a cycle")
    digest = hashlib.sha256(content).hexdigest()

    def action(uow: UnitOfWork) -> DocumentRecord:
        if dose_id is not None:
            uow.doses.get(dose_id)
        if cycle_id is not None:
            uow.cycles.get(cycle_id)
        earlier = uow.documents.count_printed(kind.value, dose_id, cycle_id)
        record = DocumentRecord(kind, dose_id, cycle_id, digest, who, uow.now(), earlier > 0)
        return uow.documents.add(record, Change(who))

    return store.write(action)
