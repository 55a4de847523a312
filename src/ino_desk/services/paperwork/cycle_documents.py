"""Use case: a stored cycle's order sheet, exactly as saved (the bag label: bag_label_documents).

Nothing is re-planned: doses, dates, windows, volumes, statuses and overrides are read from the
store, so paper and record can never disagree. An order sheet issued again with unchanged
content keeps its original "date written" and is a reprint; changed content is a new original.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ino_desk.domain.course_rules.history import CourseHistory
from ino_desk.domain.cycles.course import Course, Cycle, DoseDay, DoseStatus
from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.patients.labs import LabResult, Measurement
from ino_desk.domain.patients.patient import Patient
from ino_desk.domain.printed.bag_label import BagLabel
from ino_desk.domain.printed.document_seal import with_audit_head
from ino_desk.domain.printed.documents import (
    DocumentRefusedError,
    OrderSheet,
    OverrideLine,
    PaperSize,
    Signature,
)
from ino_desk.domain.records import DocumentKind, DocumentRecord
from ino_desk.domain.site_settings import SiteSettings
from ino_desk.services.charts.stored_labs import lab_lines
from ino_desk.services.paperwork.document_inputs import document_settings, patient_header
from ino_desk.services.paperwork.document_signatures import printed_signature
from ino_desk.services.paperwork.documents import record_document
from ino_desk.services.paperwork.order_documents import OrderInputs, assemble_order_sheet
from ino_desk.services.planning.course_history import read_history
from ino_desk.services.planning.cycle_facts import SheetCycle, cycle_facts, standing_findings
from ino_desk.services.staff.signature_views import SignatureView, dose_signature_views

if TYPE_CHECKING:
    from datetime import tzinfo

    from ino_desk.domain.printed.printed_signatures import ElectronicSignature
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork

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
    """Record that the prepared document was printed or saved, by whom; then anchor the
    audit trail outside the file (the log beside the backups)."""
    record = record_document(
        store,
        prepared.kind,
        prepared.document.content_hash,
        who,
        dose_id=prepared.dose_id,
        cycle_id=prepared.cycle_id,
        printed_at=prepared.issued_at,
    )
    store.anchor(f"print {prepared.document.document_id}")
    return record


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
    audit_head: str  # SEQ:HASH, read with the records the sheet prints

    @property
    def sheet(self) -> SheetCycle:
        previous = self.previous
        return SheetCycle(
            self.cycle,
            self.doses,
            CycleOutcome(previous.response, previous.mrd_negative) if previous else None,
            self.course.hsct_planned,
            self.history,
            self.site,
        )


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
            # every one: the sheet names the date of the measurement the cycle was planned from
            measurements=tuple(uow.measurements.for_patient(course.patient_id)),
            labs=tuple(in_force(uow.labs.for_patient(course.patient_id))),
            site=uow.settings.get(),
            printed=tuple(uow.documents.printed(DocumentKind.ORDER_SHEET.value, None, cycle_id)),
            signatures=tuple((d, tuple(dose_signature_views(uow, d))) for d in doses),
            history=read_history(uow, rules, cycle.course_id),
            audit_head=uow.audit_head().text,
        )

    return store.read(action)


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
        signatures=_prescriber(cycle),
    )


def _prescriber(cycle: Cycle) -> tuple[Signature, ...]:
    """The prescriber recorded with the cycle, named in the box they sign on paper."""
    if not cycle.prescriber_name:
        return ()
    ident = f" ({cycle.prescriber_id})" if cycle.prescriber_id else ""
    return (Signature("Prescriber", name=f"{cycle.prescriber_name}{ident}"),)


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
    standing = standing_findings(rules, stored.sheet)
    issued_at = whole_seconds(now)
    try:
        facts = cycle_facts(rules, stored.sheet, standing)
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
                again = with_audit_head(again, stored.audit_head)
                return PreparedDocument(
                    DocumentKind.ORDER_SHEET, again, cycle_id, None, True, issued_at
                )
        sheet = assemble_order_sheet(rules, facts, _order_inputs(stored, issued_at, zone), settings)
    except InputError as exc:
        raise DocumentRefusedError(str(exc)) from None
    sheet = with_audit_head(sheet, stored.audit_head)
    return PreparedDocument(DocumentKind.ORDER_SHEET, sheet, cycle_id, None, False, issued_at)


# ------------------------------------------------------------------ bag label
