"""Electronic signatures on the documents: the order sheet's blocks and the bag label's lines.

A signature belongs to one dose's order; the order sheet covers the cycle's doses, so a block
is filled per dose and keeps its blank lines while any dose of the sheet is unsigned. Only
valid signatures fill a block or a label line; void ones print as VOID in the sheet's table.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ino_desk.domain.printed.documents import Signature
from ino_desk.domain.printed.printed_signatures import ElectronicSignature, LabelSigner
from ino_desk.domain.staff.signatures import Meaning

if TYPE_CHECKING:
    from datetime import datetime, tzinfo

    from ino_desk.services.staff.signature_views import SignatureView

# Prescribers are not users of the app, so their block is always signed on paper.
BLOCK_MEANINGS = {
    "Verifying pharmacist": Meaning.VERIFIED_ORDER.value,
    "Independent double check": Meaning.DOUBLE_CHECK.value,
}
LABEL_STEPS = (
    ("Verified by", Meaning.VERIFIED_ORDER),
    ("Prepared by", Meaning.PREPARED),
    ("Checked by", Meaning.DOUBLE_CHECK),
)


def printed_signature(view: SignatureView, day: int, zone: tzinfo | None) -> ElectronicSignature:
    """A stored signature as printed; its time in `zone` (None: this workstation's zone)."""
    s = view.signature
    return ElectronicSignature(
        day=day,
        meaning=s.meaning.value,
        name=s.full_name,
        role=s.role.value,
        signed_at=_whole_minutes(s.signed_at).astimezone(zone),
        void_reason=view.void_reason,
        paper_time=(
            None if s.paper_time is None else _whole_minutes(s.paper_time).astimezone(zone)
        ),
    )


def _whole_minutes(moment: datetime) -> datetime:
    # Printed to the minute; seconds would only make the document hash differ unseen.
    return moment.replace(second=0, microsecond=0)


def signature_blocks(
    roles: tuple[str, ...],
    given: tuple[Signature, ...],
    electronic: tuple[ElectronicSignature, ...],
    days: tuple[int, ...],
) -> tuple[Signature, ...]:
    """One block per role: as given, else filled per dose from the VALID electronic ones."""
    by_role = {s.role: s for s in given}
    blocks: list[Signature] = []
    for role in roles:
        meaning = BLOCK_MEANINGS.get(role)
        block = by_role.get(role, Signature(role, meaning=meaning or ""))
        if meaning is not None and not block.signed:
            signed = tuple(e for e in electronic if e.valid and e.meaning == meaning)
            done = {e.day for e in signed}
            unsigned = tuple(d for d in days if d not in done) if signed else ()
            block = replace(block, electronic=signed, unsigned_days=unsigned)
        blocks.append(block)
    return tuple(blocks)


def label_signers(
    signatures: tuple[ElectronicSignature, ...],
    prepared_by: str | None,
    checked_by: str | None,
) -> tuple[LabelSigner, ...]:
    """Each step's valid electronic signature; else the recorded name; else a blank line.

    A step whose only signature was voided says so, and never shows that signer as valid.
    """
    recorded = {Meaning.PREPARED: prepared_by, Meaning.DOUBLE_CHECK: checked_by}
    signers: list[LabelSigner] = []
    for title, meaning in LABEL_STEPS:
        mine = [e for e in signatures if e.meaning == meaning.value]
        valid = [e for e in mine if e.valid]
        if valid:
            newest = valid[-1]
            signers.append(
                LabelSigner(title, newest.name, newest.signed_at, paper_time=newest.paper_time)
            )
        else:
            void = mine[-1].void_reason if mine else ""
            signers.append(LabelSigner(title, recorded.get(meaning), None, void))
    return tuple(signers)
