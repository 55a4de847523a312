"""Reading the signatures on a dose's order: each shown valid only while the order still
hashes as it did when signed (21 CFR 11.70); the writes are in `signing.py`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ino_desk.domain.staff.accounts import StoredSignature
from ino_desk.domain.staff.signatures import ORDER_ENTITY, order_content_hash

if TYPE_CHECKING:
    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.services.ports.store import Store, UnitOfWork

STALE_REASON = "the order changed after it was signed"


@dataclass(frozen=True, slots=True)
class SignatureView:
    """A signature as shown and printed: valid only while the order still hashes the same."""

    signature: StoredSignature
    valid: bool

    @property
    def status(self) -> str:
        return "valid" if self.valid else f"VOID: {self.void_reason}"

    @property
    def void_reason(self) -> str:
        """Why the signature is void ("" while valid); a stale hash voids it even unmarked."""
        if self.valid:
            return ""
        return self.signature.void_reason or STALE_REASON


def order_signatures(store: Store, dose_id: int) -> list[SignatureView]:
    """Every signature ever put on the order, in signing order, each marked valid or void."""

    def action(uow: UnitOfWork) -> list[SignatureView]:
        current = order_content_hash(uow.doses.get(dose_id))
        return [
            SignatureView(s, not s.voided and s.content_hash == current)
            for s in uow.signatures.for_entity(ORDER_ENTITY, dose_id)
        ]

    return store.read(action)


def dose_signature_views(uow: UnitOfWork, dose: DoseDay) -> list[SignatureView]:
    """Inside a read: every signature on the stored dose's order, each marked valid or void.

    For documents that read a whole cycle in one unit of work; same rule as `order_signatures`.
    """
    if dose.id is None:
        return []
    current = order_content_hash(dose)
    return [
        SignatureView(s, not s.voided and s.content_hash == current)
        for s in uow.signatures.for_entity(ORDER_ENTITY, dose.id)
    ]
