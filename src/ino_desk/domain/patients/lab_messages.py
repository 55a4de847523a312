"""Laboratory result messages as received, and what a message's observations mean as a draw.

A message is kept whatever becomes of it (imported, held for review, refused); the pure
function `draw_from_report` maps its observations through the site's code table and converts
each unit exactly, refusing the whole message on the first value it cannot read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.lab_units import Analyte, convert, read_number, upper_limit
from ino_desk.domain.patients.labs import LabResult

if TYPE_CHECKING:
    from collections.abc import Mapping
    from decimal import Decimal


class AckCode(StrEnum):
    """HL7 acknowledgement codes (MSA-1)."""

    ACCEPTED = "AA"
    ERROR = "AE"
    REJECTED = "AR"


class MessageStatus(StrEnum):
    IMPORTED = "imported"  # attached to the patient matched on MRN and date of birth
    REVIEW = "review"  # waits for a pharmacist: unknown MRN, DOB mismatch, corrected result
    REFUSED = "refused"  # AE/AR: nothing imported
    NOTHING_TO_IMPORT = "nothing to import"  # no observation the site's code table maps
    DUPLICATE = "duplicate"  # the same control id from the same facility was already kept
    RESOLVED = "resolved"  # a pharmacist attached it to a patient
    DISMISSED = "dismissed"  # a pharmacist decided it belongs to no patient here


@dataclass(frozen=True, slots=True)
class LabMessage:
    """One received message, kept verbatim with the answer it was given."""

    received_at: datetime
    channel: str
    control_id: str
    sending_facility: str
    body: str
    ack_code: AckCode
    status: MessageStatus
    problem: str = ""
    patient_id: int | None = None
    lab_result_id: int | None = None
    resolved_by: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Observation:
    """One OBX segment, its fields already unescaped."""

    code: str  # OBX-3.1
    coding_system: str  # OBX-3.3 ("LN" for LOINC)
    value: str  # OBX-5
    unit: str  # OBX-6.1
    reference_range: str  # OBX-7
    result_status: str  # OBX-11 (F final, C corrected, P preliminary …)
    observed_at: datetime | None  # OBX-14


@dataclass(frozen=True, slots=True)
class LabReport:
    """What ino-desk reads from one ORU^R01 message."""

    control_id: str
    sending_facility: str
    mrn: str
    date_of_birth: date | None
    order_number: str  # OBR-3 filler order number, else OBR-2 placer order number
    collected_at: datetime | None  # OBR-7
    observations: tuple[Observation, ...]

    @property
    def corrected(self) -> bool:
        return any(o.result_status == "C" for o in self.observations)

    @property
    def source(self) -> str:
        return f"HL7 message {self.control_id} from {self.sending_facility}"


_FIELDS: dict[Analyte, tuple[str, str | None]] = {
    Analyte.ANC: ("anc_10e9_per_l", None),
    Analyte.PLATELETS: ("platelets_10e9_per_l", None),
    Analyte.TOTAL_BILIRUBIN: ("total_bilirubin", "total_bilirubin_uln"),
    Analyte.AST: ("ast_u_per_l", "ast_uln_u_per_l"),
    Analyte.ALT: ("alt_u_per_l", "alt_uln_u_per_l"),
    Analyte.PERIPHERAL_BLASTS: ("peripheral_blasts_per_mm3", None),
}


def mapped_values(report: LabReport, codes: Mapping[str, Analyte]) -> dict[str, Decimal | None]:
    """The lab table's fields from the observations the code table maps (others are left in
    the kept message); InputError naming the observation for a value or unit not understood."""
    values: dict[str, Decimal | None] = {}
    for obs in report.observations:
        analyte = codes.get(obs.code)
        if analyte is None or obs.result_status in {"X", "D", "W"}:  # not done, deleted, wrong
            continue
        field, uln_field = _FIELDS[analyte]
        label = f"{analyte.display_name} (OBX-3 {obs.code})"
        value = read_number(obs.value, f"{label} value")
        values[field] = convert(analyte, value, obs.unit)
        if uln_field is not None:
            uln = upper_limit(obs.reference_range)
            if uln is None:
                raise InputError(f"{label} reference range", "no upper limit of normal (OBX-7)")
            values[uln_field] = convert(analyte, uln, obs.unit)
    return values


def collection_time(report: LabReport) -> datetime:
    """OBX-14 of the first observation that has one, else OBR-7; refused when neither."""
    for obs in report.observations:
        if obs.observed_at is not None:
            return obs.observed_at
    if report.collected_at is not None:
        return report.collected_at
    raise InputError("collection time", "neither OBX-14 nor OBR-7 is given")


def draw_from_report(
    report: LabReport, codes: Mapping[str, Analyte], patient_id: int
) -> LabResult | None:
    """The blood draw this report describes for the patient; None if nothing maps."""
    values = mapped_values(report, codes)
    if not values:
        return None
    return LabResult(
        patient_id=patient_id,
        drawn_on=collection_time(report).date(),
        source=report.source,
        source_order=report.order_number,
        **values,  # type: ignore[arg-type]
    )


def corrected_draw(earlier: LabResult, correction: LabResult) -> LabResult:
    """The earlier draw with the corrected values put in place (a correction may carry only
    the values that changed); it replaces the earlier draw, which is marked entered in error."""
    changed = {
        name: getattr(correction, name)
        for field, uln in _FIELDS.values()
        for name in (field, uln)
        if name is not None and getattr(correction, name) is not None
    }
    return replace(
        earlier,
        id=None,
        source=correction.source,
        entered_in_error=None,
        drawn_on=correction.drawn_on,
        **changed,
    )
