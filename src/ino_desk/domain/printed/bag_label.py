"""The bag label of one dose as data: what `pdf/` prints on the label stock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ino_desk.domain.printed.documents import LabelStock, PatientHeader
from ino_desk.domain.printed.printed_signatures import HASHED_UNLESS_DEFAULT, LabelSigner
from ino_desk.domain.records import VialLot


@dataclass(frozen=True, slots=True)
class BagLabel:
    """The label of one infusion bag (one dose)."""

    site_name: str
    stock: LabelStock
    label_revision: str
    patient: PatientHeader
    cycle: int
    day: int
    dose_id: str
    drug: str
    dose_mg: Decimal
    drug_volume_ml: Decimal
    diluent: str
    diluent_ml: Decimal
    total_volume_ml: Decimal
    concentration_mg_per_ml: Decimal
    route: str
    rate_ml_per_h: Decimal
    infusion_minutes: int
    reconstituted_at: datetime
    dilute_by: datetime
    complete_by: datetime
    # Start infusion by (PI 2.4, Table 6): once diluted, the earlier of dilution + the storage
    # limit and complete-by − the infusion time; before dilution only `latest_start` is known.
    diluted_at: datetime | None
    start_by: datetime | None
    latest_start: datetime
    storage: str  # how the diluted bag is kept and for how long, or the choice to tick
    storage_citation: str  # of the storage limits (short: a label has little room)
    limits_citation: str
    cautions: tuple[str, ...]
    vial_lots: tuple[VialLot, ...] = ()
    prepared_by: str | None = None
    checked_by: str | None = None
    signers: tuple[LabelSigner, ...] = ()  # what the label prints for verify, prepare, check
    # "entered later HH:MM": a time above was typed afterwards (issue 16); a label without
    # one keeps the hash it was issued with.
    entered_later: str = field(default="", metadata=HASHED_UNLESS_DEFAULT)
    document_id: str = ""
    content_hash: str = ""
    audit_head: str = ""  # SEQ:HASH of the audit trail when issued; see with_audit_head

    def code_payload(self) -> str:
        """The 1-D barcode carries the dose id only, as the bag is scanned at the bedside."""
        return self.dose_id
