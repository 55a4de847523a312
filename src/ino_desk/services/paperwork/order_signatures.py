"""The signatures of a dose order that are still valid: not voided, and bound to its content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.staff.signatures import ORDER_ENTITY, order_content_hash

if TYPE_CHECKING:
    from ino_desk.domain.staff.accounts import StoredSignature
    from ino_desk.domain.staff.signatures import Meaning
    from ino_desk.services.ports.store import UnitOfWork


def signatures_bound_to(
    uow: UnitOfWork, dose_id: int, current: str
) -> dict[Meaning, StoredSignature]:
    """The order's unvoided signatures over the content hash `current`, by meaning."""
    sigs = uow.signatures.for_entity(ORDER_ENTITY, dose_id)
    return {s.meaning: s for s in sigs if not s.voided and s.content_hash == current}


def live_signatures(uow: UnitOfWork, dose_id: int) -> dict[Meaning, StoredSignature]:
    """The dose order's signatures that are still valid, by meaning, in this transaction."""
    return signatures_bound_to(uow, dose_id, order_content_hash(uow.doses.get(dose_id)))
