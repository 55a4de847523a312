"""The printed downtime pack as data: what the pharmacy works from while the database is down.

For every active patient's next doses: the dose with its last verified order, the current
findings of the course authority (never a rule checked apart from it), the bag preparation
figures and blank signature lines; then a one-page quick reference of the label pack's
numbers with their sections, and blank paper forms. `pdf.downtime_pack` renders it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.findings import Finding
from ino_desk.domain.printed.documents import PaperSize


@dataclass(frozen=True, slots=True)
class PackDose:
    """One dose of an active patient, as the pack prints it."""

    mrn: str
    patient_name: str
    date_of_birth: date
    allergies: str
    cycle_number: int
    day: int
    planned_date: date
    window_start: date
    window_end: date
    status: DoseStatus
    dose_mg: Decimal
    vials: int
    drug_volume_ml: Decimal
    diluent_ml: Decimal
    total_volume_ml: Decimal
    verified_by: str | None  # the valid "verified order" signature, if any
    verified_at: datetime | None
    findings: tuple[Finding, ...]  # the authority's, for giving it on its own day


@dataclass(frozen=True, slots=True)
class ReferenceLine:
    """One line of the quick reference: a topic, the label's figure, its section."""

    topic: str
    text: str
    citation: str


@dataclass(frozen=True, slots=True)
class DowntimePack:
    site_name: str
    label_revision: str
    printed_at: datetime
    source: str  # "the database" or "read-only snapshot taken …"
    first_day: date
    last_day: date
    doses: tuple[PackDose, ...]
    reference: tuple[ReferenceLine, ...]
    site_policy: tuple[str, ...]
    paper: PaperSize
