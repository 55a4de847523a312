"""Electronic signatures as a document prints them: on the order sheet and on the bag label."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# A field added after documents were issued (the syringe method, paper times): left out of
# the content hash while it holds its default, so a document without it keeps the id and hash
# it was issued with.
ADDED_AFTER_ISSUE = "hashed only when not the default"
HASHED_UNLESS_DEFAULT = {ADDED_AFTER_ISSUE: True}

# A field renamed after documents were issued (one name per concept, issue 15): hashed under
# the name it had, so a document issued before keeps its id and its stored content hash, and
# a reprint is still recognised as one.
HASHED_NAME = "hashed under this name"


def hashed_as(name: str) -> dict[str, str]:
    """Field metadata: hash this field under `name`, the name it was issued with."""
    return {HASHED_NAME: name}


@dataclass(frozen=True, slots=True)
class ElectronicSignature:
    """One electronic signature on one dose's order as printed (21 CFR 11.50).

    Printed name, role, date/time and meaning; a signature whose order changed after signing
    carries the void reason and prints as VOID, never as valid.
    """

    day: int
    meaning: str
    name: str
    role: str
    signed_at: datetime
    void_reason: str = ""
    # Recorded after a downtime: the time on the paper record (signed_at is the entry).
    paper_time: datetime | None = field(default=None, metadata=HASHED_UNLESS_DEFAULT)

    @property
    def valid(self) -> bool:
        return not self.void_reason


@dataclass(frozen=True, slots=True)
class LabelSigner:
    """One "Verified by / Prepared by / Checked by" line of a bag label.

    `signed_at` is set only for a valid electronic signature; a step whose only electronic
    signature was voided carries `void_reason` and never prints as signed.
    """

    title: str
    name: str | None = None
    signed_at: datetime | None = None
    void_reason: str = ""
    # Signed on paper during a downtime, entered after.
    paper_time: datetime | None = field(default=None, metadata=HASHED_UNLESS_DEFAULT)
