"""What a printed document shows: the cycle order sheet and the infusion-bag label.

Plain frozen data built by the services from a cycle plan; the renderer only lays it out.
Each document is sealed with a SHA-256 of its content and a document id derived from it, and
carries a payload for its 2-D code that `parse_code_payload` reads back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from typing import TypeVar

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.printed_signatures import (
    ADDED_AFTER_ISSUE,
    HASHED_UNLESS_DEFAULT,
    ElectronicSignature,
    LabelSigner,
)
from ino_desk.domain.quantities import TENTH, format_number, round_half_up

CODE_PAYLOAD_PREFIX = "INODESK1"
MAX_NAME_LENGTH = 100  # what a header line and a bag label can print whole
_FORBIDDEN_IN_IDS = set(";=,|")  # separators of the 2-D code payload


class PaperSize(StrEnum):
    """Order-sheet paper; Letter is the default in the US, A4 a site setting."""

    LETTER = "letter"
    A4 = "a4"


class LabelStock(StrEnum):
    """Bag-label stock a site prints on."""

    INCH_4X3 = "4x3in"
    MM_100X70 = "100x70mm"


class DocumentRefusedError(DomainError):
    """A document cannot be issued; `reason` says why in words a pharmacist can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_identifier(text: str, field: str) -> str:
    """Refuse an identifier that is empty or would corrupt the 2-D code payload."""
    cleaned = text.strip()
    if not cleaned:
        raise InputError(field, "is required")
    bad = sorted(_FORBIDDEN_IN_IDS.intersection(cleaned))
    if bad or not cleaned.isprintable() or not cleaned.isascii():
        raise InputError(field, "use printable ASCII letters, digits and -_./ only")
    return cleaned


@dataclass(frozen=True, slots=True)
class PatientHeader:
    """Who the document is for, as printed (not the store's patient entity)."""

    full_name: str
    mrn: str
    date_of_birth: date
    sex: str
    allergies: tuple[str, ...] = ()
    diagnosis: str = ""

    def __post_init__(self) -> None:
        if not self.full_name.strip():
            raise InputError("patient name", "is required")
        if len(self.full_name) > MAX_NAME_LENGTH:
            raise InputError("patient name", f"at most {MAX_NAME_LENGTH} characters")
        check_identifier(self.mrn, "MRN")

    def age_years(self, on: date) -> int:
        """Completed years on the given date."""
        before_birthday = (on.month, on.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return on.year - self.date_of_birth.year - int(before_birthday)

    @property
    def allergies_text(self) -> str:
        return ", ".join(self.allergies) if self.allergies else "none known"


@dataclass(frozen=True, slots=True)
class LabResult:
    """One current lab value with its date, and its upper limit of normal where one applies."""

    name: str
    value: Decimal
    unit: str
    taken_on: date
    uln: Decimal | None = None
    note: str = ""

    @property
    def times_uln(self) -> Decimal | None:
        """Value as a multiple of the ULN, to 0.1 (how the hold criteria are written)."""
        if self.uln is None or self.uln <= 0:
            return None
        return round_half_up(self.value / self.uln, TENTH)


@dataclass(frozen=True, slots=True)
class Note:
    """A sentence of clinical instruction and where it comes from (PI section or site)."""

    text: str
    citation: str = ""


@dataclass(frozen=True, slots=True)
class Criterion:
    """A treat/hold parameter: what is measured and the rule that applies."""

    parameter: str
    rule: str
    citation: str


@dataclass(frozen=True, slots=True)
class PremedOrder:
    """One premedication line: the class the label requires and the site's template order."""

    drug_class: str
    order: str


@dataclass(frozen=True, slots=True)
class FindingLine:
    severity: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class OverrideLine:
    """A finding a pharmacist chose to go past, with the reason and who decided."""

    code: str
    message: str
    reason: str
    overridden_by: str
    overridden_at: datetime | None  # None: a stored cycle keeps who and why, not the minute


@dataclass(frozen=True, slots=True)
class Signature:
    """A signature block; unsigned blocks print blank lines to sign on paper.

    A `name` without `signed_at` says whose block it is (the prescriber recorded with the
    order), still to be signed on paper.

    A block whose meaning is signed electronically per dose lists the valid electronic
    signatures (`electronic`) and the days still unsigned (`unsigned_days`), which keep the
    blank lines to sign on paper.
    """

    role: str
    name: str | None = None
    signed_at: datetime | None = None
    meaning: str = ""
    electronic: tuple[ElectronicSignature, ...] = ()
    unsigned_days: tuple[int, ...] = ()

    @property
    def signed(self) -> bool:
        return self.name is not None and self.signed_at is not None

    @property
    def needs_paper(self) -> bool:
        """Blank lines print unless signed in full (a whole block, or every dose's signature)."""
        if self.signed:
            return False
        return not self.electronic or bool(self.unsigned_days)


@dataclass(frozen=True, slots=True)
class CycleOrder:
    """Regimen, cycle, its Table 1 row and why that row was chosen."""

    regimen: str
    cycle: int
    row: str
    row_citation: str
    cycle_length_days: int
    extension: str
    hsct_intent: str
    previous_response: str
    dose_level: str
    cumulative: str = ""  # the course's drug given so far when printed ("" before any)


@dataclass(frozen=True, slots=True)
class BodySize:
    height_cm: Decimal
    weight_kg: Decimal
    measured_on: date
    bsa_m2: Decimal
    dosing_bsa_m2: Decimal
    bsa_formula: str
    site_policy: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class DoseRow:
    """One dose of the cycle, all values straight from the plan."""

    day: int
    planned: date
    earliest: date
    latest: date
    mg_per_m2: Decimal
    calculated_mg: Decimal
    dose_mg: Decimal
    vials: int
    drug_volume_ml: Decimal
    discarded_mg: Decimal
    note: str = ""  # why the dose differs from the calculation, when not site rounding
    # How this dose is given when it is not the sheet's common administration (a syringe
    # with the site-entered method, PI 2.4); empty: as the sheet says for every dose.
    give: str = field(default="", metadata=HASHED_UNLESS_DEFAULT)


@dataclass(frozen=True, slots=True)
class Administration:
    """How every dose of the cycle is given."""

    route: str
    diluent: str
    total_volume_ml: Decimal
    infusion_minutes: int
    rate_ml_per_h: Decimal
    citation: str
    container: str = field(default="bag", metadata=HASHED_UNLESS_DEFAULT)  # or the syringe


@dataclass(frozen=True, slots=True)
class OrderSheet:
    """The cycle order the prescriber signs and pharmacist and nurse check against."""

    site_name: str
    paper: PaperSize
    label_revision: str
    written_at: datetime
    patient: PatientHeader
    order: CycleOrder
    body: BodySize
    doses: tuple[DoseRow, ...]
    total_mg: Decimal
    total_mg_per_m2: Decimal
    administration: Administration
    premed_rule: Note
    premedication: tuple[PremedOrder, ...]
    premed_lead: Note
    observation: Note
    criteria: tuple[Criterion, ...]
    labs: tuple[LabResult, ...]
    preparation: tuple[Note, ...]
    boxed_warning: Note
    findings: tuple[FindingLine, ...]
    overrides: tuple[OverrideLine, ...]
    signatures: tuple[Signature, ...]
    unverified_notice: str
    # every dose's electronic signatures, valid and void, in day then signing order
    electronic_signatures: tuple[ElectronicSignature, ...] = ()
    document_id: str = ""
    content_hash: str = ""
    audit_head: str = ""  # SEQ:HASH of the audit trail when issued; see with_audit_head

    @property
    def title(self) -> str:
        return f"Inotuzumab ozogamicin (BESPONSA) — cycle {self.order.cycle} order"

    def code_payload(self) -> str:
        doses = ",".join(f"D{d.day}:{format_number(d.dose_mg)}mg" for d in self.doses)
        return _payload(
            ("doc", self.document_id),
            ("mrn", self.patient.mrn),
            ("cycle", str(self.order.cycle)),
            ("doses", doses),
            ("sha256", self.content_hash),
        )


@dataclass(frozen=True, slots=True)
class VialLot:
    lot: str
    expiry: date


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


def _payload(*fields: tuple[str, str]) -> str:
    return ";".join([CODE_PAYLOAD_PREFIX, *(f"{k}={v}" for k, v in fields)])


def parse_code_payload(text: str) -> dict[str, str]:
    """Read an order sheet's 2-D code back into its fields; ValueError when it is not ours."""
    prefix, *parts = text.split(";")
    if prefix != CODE_PAYLOAD_PREFIX:
        raise ValueError("not an ino-desk document code")
    fields: dict[str, str] = {}
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep or not key or key in fields:
            raise ValueError(f"malformed field {part!r}")
        fields[key] = value
    return fields


def _plain(value: object) -> object:
    """A JSON-ready form of a document value; stable across runs and machines."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not (f.metadata.get(ADDED_AFTER_ISSUE) and getattr(value, f.name) == f.default)
        }
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format_number(value, group_thousands=False)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


Doc = TypeVar("Doc", OrderSheet, BagLabel)


def content_hash(doc: OrderSheet | BagLabel) -> str:
    """SHA-256 over everything the document shows except its own id, hash and audit head."""
    unsealed = dataclasses.replace(doc, document_id="", content_hash="", audit_head="")
    text = json.dumps(_plain(unsealed), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal(doc: Doc) -> Doc:
    """Fill in the content hash and a document id taken from it (same content, same id)."""
    digest = content_hash(doc)
    kind = "OS" if isinstance(doc, OrderSheet) else "BL"
    return dataclasses.replace(
        doc, document_id=f"{kind}-{digest[:12].upper()}", content_hash=digest
    )


def with_audit_head(doc: Doc, head: str) -> Doc:
    """The sealed document with the audit trail's head for its footer. The head is not
    content: the same order printed again is the same document (a reprint), whatever was
    recorded meanwhile."""
    return dataclasses.replace(doc, audit_head=head)


# Site policy, not a label rule: the label gives no premedication lead time (CLINICAL-RULES 2.2).
DEFAULT_PREMED_LEAD_MINUTES = 60
PREMED_LEAD_MINUTES_LIMITS = (0, 240)  # a setting outside this is a typing error


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    """What a site sets for its printouts: name, paper, label stock, premedication template."""

    site_name: str
    paper: PaperSize = PaperSize.LETTER
    label_stock: LabelStock = LabelStock.INCH_4X3
    premed_lead_minutes: int = DEFAULT_PREMED_LEAD_MINUTES
    # (drug class, the site's order text); empty order text prints a blank line to fill in
    premedication_template: tuple[PremedOrder, ...] = ()
    hazardous_warning: str = "HAZARDOUS DRUG: handle and dispose of as the site's policy requires"

    def __post_init__(self) -> None:
        if not self.site_name.strip():
            raise InputError("site name", "is required")
        low, high = PREMED_LEAD_MINUTES_LIMITS
        if not low <= self.premed_lead_minutes <= high:
            raise InputError("premedication lead time", f"allowed {low} to {high} minutes")
