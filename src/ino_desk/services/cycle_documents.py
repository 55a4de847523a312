"""Use case: a stored cycle's order sheet, exactly as saved (the bag label: bag_label_documents).

Nothing is re-planned: doses, dates, windows, volumes, statuses and overrides are read from the
store, so paper and record can never disagree. An order sheet issued again with unchanged
content keeps its original "date written" and is a reprint; changed content is a new original.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ino_desk.domain.course import Course, Cycle, DoseDay, DoseStatus
from ino_desk.domain.course_rules.actions import PrintOrderSheet
from ino_desk.domain.course_rules.authority import findings_for, refuse_stops
from ino_desk.domain.course_rules.history import CourseHistory
from ino_desk.domain.course_rules.order_lines import dose_level_text, row_note, row_window
from ino_desk.domain.cycle_limits import CycleOutcome
from ino_desk.domain.documents import (
    BagLabel,
    DocumentRefusedError,
    DoseRow,
    FindingLine,
    OrderSheet,
    OverrideLine,
    PaperSize,
)
from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import Finding, Severity
from ino_desk.domain.labs import LabResult, Measurement
from ino_desk.domain.patient import Patient
from ino_desk.domain.preparation import Preparation, concentration_findings
from ino_desk.domain.quantities import format_quantity
from ino_desk.domain.records import DocumentKind, DocumentRecord
from ino_desk.domain.site_settings import SiteSettings
from ino_desk.services.course_history import read_history
from ino_desk.services.document_inputs import document_settings, patient_header
from ino_desk.services.document_signatures import printed_signature
from ino_desk.services.documents import record_document
from ino_desk.services.order_documents import (
    CycleFacts,
    OrderInputs,
    administration,
    assemble_order_sheet,
    cycle_order,
)
from ino_desk.services.signing import SignatureView, dose_signature_views
from ino_desk.services.stored_labs import lab_lines

if TYPE_CHECKING:
    from datetime import tzinfo

    from ino_desk.domain.printed_signatures import ElectronicSignature
    from ino_desk.domain.rules import ClinicalRules, RegimenRow
    from ino_desk.domain.users import User
    from ino_desk.services.ports import Store, UnitOfWork

OVERRIDE_NOTE = "blocking finding overridden when the cycle was planned"


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """A sealed document ready to print, and whether printing it now would be a reprint."""

    kind: DocumentKind
    document: OrderSheet | BagLabel
    cycle_id: int | None
    dose_id: int | None
    reprint: bool
    issued_at: datetime  # UTC, whole seconds; an original's date written

    @property
    def title(self) -> str:
        doc = self.document
        if isinstance(doc, OrderSheet):
            return f"Cycle {doc.order.cycle} order sheet ({doc.patient.mrn})"
        return f"Cycle {doc.cycle} Day {doc.day} bag label ({doc.patient.mrn})"


def issue(store: Store, prepared: PreparedDocument, who: User) -> DocumentRecord:
    """Record that the prepared document was printed or saved, by whom."""
    return record_document(
        store,
        prepared.kind,
        prepared.document.content_hash,
        who,
        dose_id=prepared.dose_id,
        cycle_id=prepared.cycle_id,
        printed_at=prepared.issued_at,
    )


def whole_seconds(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise DocumentRefusedError("the current time must carry its time zone")
    return moment.astimezone(UTC).replace(microsecond=0)


# ------------------------------------------------------------------ order sheet


@dataclass(frozen=True, slots=True)
class _StoredCycle:
    patient: Patient
    course: Course
    cycle: Cycle
    previous: Cycle | None
    doses: tuple[DoseDay, ...]
    measurements: tuple[Measurement, ...]
    labs: tuple[LabResult, ...]
    site: SiteSettings
    printed: tuple[DocumentRecord, ...]
    signatures: tuple[tuple[DoseDay, tuple[SignatureView, ...]], ...]
    history: CourseHistory


def _read_cycle(store: Store, rules: ClinicalRules, cycle_id: int) -> _StoredCycle:
    def action(uow: UnitOfWork) -> _StoredCycle:
        cycle = uow.cycles.get(cycle_id)
        course = uow.courses.get(cycle.course_id)
        patient = uow.patients.get(course.patient_id)
        earlier = [c for c in uow.cycles.for_course(cycle.course_id) if c.number < cycle.number]
        doses = tuple(uow.doses.for_cycle(cycle_id))
        return _StoredCycle(
            patient=patient,
            course=course,
            cycle=cycle,
            previous=max(earlier, key=lambda c: c.number) if earlier else None,
            doses=doses,
            measurements=tuple(uow.measurements.for_patient(course.patient_id)),
            labs=tuple(uow.labs.for_patient(course.patient_id)),
            site=uow.settings.get(),
            printed=tuple(uow.documents.printed(DocumentKind.ORDER_SHEET.value, None, cycle_id)),
            signatures=tuple((d, tuple(dose_signature_views(uow, d))) for d in doses),
            history=read_history(uow, rules, cycle.course_id),
        )

    return store.read(action)


def _regimen_row(rules: ClinicalRules, cycle: Cycle) -> RegimenRow:
    rows = (rules.regimen_cycle1, rules.regimen_later_cr_cri, rules.regimen_later_no_response)
    row = next((r for r in rows if r.key == cycle.regimen_row), None)
    if row is None:
        raise DocumentRefusedError(
            f"cycle {cycle.number} was planned on regimen row {cycle.regimen_row!r}, which this "
            "label pack does not have; re-plan the cycle"
        )
    return row


def stored_preparation(rules: ClinicalRules, dose: DoseDay) -> Preparation:
    """The bag as saved; only the fixed infusion time and rate come from the pack."""
    return Preparation(
        dose_mg=dose.dose_mg,
        vials=dose.vials,
        discarded_mg=dose.vials * rules.vial_strength_mg.value - dose.dose_mg,
        drug_volume_ml=dose.drug_volume_ml,
        diluent_ml=dose.diluent_ml,
        total_volume_ml=dose.total_volume_ml,
        concentration_mg_per_ml=dose.dose_mg / dose.total_volume_ml,
        infusion_minutes=rules.infusion_minutes.value,
        rate_ml_per_h=rules.infusion_rate_ml_per_h.value,
    )


def _dose_row(
    rules: ClinicalRules, stored: _StoredCycle, dose: DoseDay, standing: tuple[Finding, ...]
) -> DoseRow:
    window = row_window(rules, stored.history, dose)
    prep = stored_preparation(rules, dose)
    overridden = [
        f.code
        for f in concentration_findings(rules, dose.day, prep)
        if f.code in stored.cycle.overridden_findings
    ]
    return DoseRow(
        day=dose.day,
        planned=dose.planned_date,
        earliest=window.earliest,
        latest=window.latest,
        mg_per_m2=dose.mg_per_m2,
        calculated_mg=dose.calculated_mg,
        dose_mg=dose.dose_mg,
        vials=dose.vials,
        drug_volume_ml=dose.drug_volume_ml,
        discarded_mg=prep.discarded_mg,
        note=row_note(dose, standing, overridden),
    )


def _status_line(dose: DoseDay) -> FindingLine:
    when = f" on {dose.decided_at:%Y-%m-%d %H:%M} UTC" if dose.decided_at else ""
    amount = (
        f" to {format_quantity(dose.dose_mg, 'mg')}" if dose.status is DoseStatus.REDUCED else ""
    )
    reason = f": {dose.reason}" if dose.reason else ""
    return FindingLine(
        "record",
        f"DOSE_{dose.status.value.upper()}",
        f"Day {dose.day} {dose.status.value}{amount} by {dose.decided_by}{when}{reason}",
    )


def _measured_on(stored: _StoredCycle) -> Measurement:
    cycle = stored.cycle
    same = [
        m
        for m in stored.measurements
        if m.height_cm == cycle.height_cm and m.weight_kg == cycle.weight_kg
    ]
    if not same:
        raise DocumentRefusedError(
            f"the height and weight cycle {cycle.number} was planned from are no longer stored"
        )
    on_or_before = [m for m in same if m.measured_on <= cycle.start]
    return max(on_or_before or same, key=lambda m: (m.measured_on, m.id or 0))


def _facts(rules: ClinicalRules, stored: _StoredCycle, standing: tuple[Finding, ...]) -> CycleFacts:
    cycle = stored.cycle
    # An omitted dose is not given: it leaves the dose table and the total, and its record
    # (who, when, why) prints with the findings; held, reduced and given doses stay.
    ordered = tuple(d for d in stored.doses if d.status is not DoseStatus.OMITTED)
    if not ordered:
        raise DocumentRefusedError(f"every dose of cycle {cycle.number} is omitted")
    previous = stored.previous
    open_lines = tuple(
        FindingLine(f.severity.value, f.code, f"Day {f.day}: {f.message}" if f.day else f.message)
        for f in standing
    )
    return CycleFacts(
        order=cycle_order(
            cycle.number,
            _regimen_row(rules, cycle),
            cycle.length_days,
            cycle.extension_reason,
            stored.course.hsct_planned,
            CycleOutcome(previous.response, previous.mrd_negative) if previous else None,
            dose_level_text(rules, cycle, stored.doses),
        ),
        first_cycle=cycle.number == 1,
        bsa_m2=cycle.bsa_m2,
        dosing_bsa_m2=cycle.dosing_bsa_m2,
        bsa_formula=cycle.bsa_formula.display_name,
        site_policy=_policy_used(cycle, stored.site),
        doses=tuple(_dose_row(rules, stored, d, standing) for d in ordered),
        administration=administration(rules, stored_preparation(rules, ordered[0])),
        findings=open_lines
        + tuple(_status_line(d) for d in stored.doses if d.status is not DoseStatus.PLANNED),
    )


def _policy_used(cycle: Cycle, site: SiteSettings) -> tuple[tuple[str, str], ...]:
    """The policy recorded when the cycle was planned; else today's, marked as such."""
    if cycle.site_policy is None:
        return (
            *site.policy.describe(),
            ("Note", "site policy today: not recorded when this cycle was planned"),
        )
    return tuple(_pair(line) for line in cycle.site_policy)


def _pair(line: str) -> tuple[str, str]:
    label, _, value = line.partition(": ")
    return label, value


def _sheet_signatures(stored: _StoredCycle, zone: tzinfo | None) -> tuple[ElectronicSignature, ...]:
    """The signatures of every dose the sheet orders (omitted doses are not on it), by day."""
    return tuple(
        printed_signature(view, dose.day, zone)
        for dose, views in sorted(stored.signatures, key=lambda pair: pair[0].day)
        if dose.status is not DoseStatus.OMITTED
        for view in views
    )


def _order_inputs(stored: _StoredCycle, written_at: datetime, zone: tzinfo | None) -> OrderInputs:
    cycle = stored.cycle
    measured = _measured_on(stored)
    return OrderInputs(
        patient=patient_header(stored.patient),
        height_cm=cycle.height_cm,
        weight_kg=cycle.weight_kg,
        measured_on=measured.measured_on,
        written_at=written_at.astimezone(zone),  # one zone on the sheet, as its signatures
        labs=lab_lines(stored.labs[0]) if stored.labs else (),
        overrides=tuple(
            OverrideLine(code, OVERRIDE_NOTE, cycle.override_reason, cycle.planned_by, None)
            for code in cycle.overridden_findings
        ),
        electronic_signatures=_sheet_signatures(stored, zone),
    )


def prepare_order_sheet(
    store: Store,
    rules: ClinicalRules,
    cycle_id: int,
    now: datetime,
    paper: PaperSize | None = None,
    *,
    zone: tzinfo | None = None,
) -> PreparedDocument:
    """The stored cycle's sheet; a reprint when the same content was issued before.

    `paper` overrides the site's paper size for this print (another paper is another document).
    Electronic signatures print in `zone`, by default this workstation's local time zone.
    """
    stored = _read_cycle(store, rules, cycle_id)
    # The authority refuses a stop (e.g. VOD/SOS recorded); what blocks prints on its row.
    findings = findings_for(rules, stored.history, PrintOrderSheet(stored.cycle.number))
    standing = refuse_stops([f for f in findings if f.severity is not Severity.INFO])
    issued_at = whole_seconds(now)
    try:
        facts = _facts(rules, stored, standing)
        settings = document_settings(stored.site)
        if paper is not None:
            settings = replace(settings, paper=paper)
        # Unchanged content re-issued keeps the date it was first written: try each earlier
        # issue's time, newest first, and compare the sealed hash.
        for earlier in stored.printed:
            again = assemble_order_sheet(
                rules, facts, _order_inputs(stored, earlier.printed_at, zone), settings
            )
            if again.content_hash == earlier.content_sha256:
                return PreparedDocument(
                    DocumentKind.ORDER_SHEET, again, cycle_id, None, True, issued_at
                )
        sheet = assemble_order_sheet(rules, facts, _order_inputs(stored, issued_at, zone), settings)
    except InputError as exc:
        raise DocumentRefusedError(str(exc)) from None
    return PreparedDocument(DocumentKind.ORDER_SHEET, sheet, cycle_id, None, False, issued_at)


# ------------------------------------------------------------------ bag label
