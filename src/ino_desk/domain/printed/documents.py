"""What a printed document shows: the cycle order sheet and the infusion-bag label.

Plain frozen data built by the services from a cycle plan; the renderer only lays it out.
Each document is sealed with a SHA-256 of its content and a document id derived from it, and
carries a payload for its 2-D code that `parse_code_payload` reads back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.printed.printed_signatures import (
    HASHED_UNLESS_DEFAULT,
    ElectronicSignature,
    hashed_as,
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
class LabLine:
    """One current lab value with its date, and its upper limit of normal where one applies."""

    name: str
    value: Decimal
    unit: str
    # Named like the lab result's date everywhere else; hashed as "taken_on", its name when
    # order sheets were first issued, so their ids and stored hashes still match.
    drawn_on: date = field(metadata=hashed_as("taken_on"))
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
    # Named as in the dose and its window everywhere else; hashed under the names they had
    # when order sheets were first issued, so their ids and stored hashes still match.
    planned_date: date = field(metadata=hashed_as("planned"))
    window_start: date = field(metadata=hashed_as("earliest"))
    window_end: date = field(metadata=hashed_as("latest"))
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
    labs: tuple[LabLine, ...]
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


def _payload(*fields: tuple[str, str]) -> str:
    return ";".join([CODE_PAYLOAD_PREFIX, *(f"{k}={v}" for k, v in fields)])
