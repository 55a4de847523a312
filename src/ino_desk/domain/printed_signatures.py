"""Electronic signatures as a document prints them: on the order sheet and on the bag label."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
    paper_time: datetime | None = None

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
    paper_time: datetime | None = None  # signed on paper during a downtime, entered after
