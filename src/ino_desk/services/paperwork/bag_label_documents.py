"""Use case: a stored dose's infusion-bag label, exactly as recorded.

Times, vial lots, preparer and checker come from the recorded preparation (else a typed
reconstitution time) and the order's electronic signatures; a held or omitted dose gets none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ino_desk.domain.bench.bench_marks import BenchMark
from ino_desk.domain.bench.dose_codes import bag_code
from ino_desk.domain.bench.stored_preparation import stored_preparation
from ino_desk.domain.course_rules.actions import DoseAct
from ino_desk.domain.cycles.course import Cycle, DoseDay
from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import Finding
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.patients.patient import Patient
from ino_desk.domain.printed.document_seal import with_audit_head
from ino_desk.domain.printed.documents import DocumentRefusedError, LabelStock, PatientHeader
from ino_desk.domain.records import DocumentKind, DocumentRecord, PreparationRecord, VialLot
from ino_desk.domain.site_settings import SiteSettings
from ino_desk.services.paperwork.bag_label_assembly import BagInputs, assemble_bag_label
from ino_desk.services.paperwork.cycle_documents import PreparedDocument, whole_seconds
from ino_desk.services.paperwork.document_inputs import document_settings, patient_header
from ino_desk.services.paperwork.document_signatures import printed_signature
from ino_desk.services.planning.course_history import local_day, refuse_stops_for
from ino_desk.services.staff.signature_views import SignatureView, dose_signature_views

if TYPE_CHECKING:
    from datetime import date, datetime, tzinfo

    from ino_desk.domain.bench.preparation import Dilution
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class _StoredDose:
    patient: Patient
    cycle: Cycle
    dose: DoseDay
    preparation: PreparationRecord | None
    site: SiteSettings
    printed: tuple[DocumentRecord, ...]
    signatures: tuple[SignatureView, ...]
    standing: tuple[Finding, ...]
    audit_head: str  # SEQ:HASH, read with the records the label prints
    marks: tuple[BenchMark, ...] = ()  # the bench times in force (some entered later)


def _read_dose(store: Store, rules: ClinicalRules, dose_id: int, today: date) -> _StoredDose:
    def action(uow: UnitOfWork) -> _StoredDose:
        # The authority first: a stop (VOD/SOS, a dose given, held or omitted, another day's
        # bag) refuses; the blocking findings that stand print on the label.
        standing = refuse_stops_for(uow, rules, DoseAct.BAG_LABEL, dose_id, today)
        dose = uow.doses.get(dose_id)
        cycle = uow.cycles.get(dose.cycle_id)
        course = uow.courses.get(cycle.course_id)
        preparations = uow.preparations.for_dose(dose_id)
        return _StoredDose(
            patient=uow.patients.get(course.patient_id),
            cycle=cycle,
            dose=dose,
            preparation=max(preparations, key=lambda p: p.id or 0) if preparations else None,
            site=uow.settings.get(),
            printed=tuple(uow.documents.printed(DocumentKind.BAG_LABEL.value, dose_id, None)),
            signatures=tuple(dose_signature_views(uow, dose)),
            standing=standing,
            audit_head=uow.audit_head().text,
            marks=tuple(in_force(uow.bench_marks.for_dose(dose_id))),
        )

    return store.read(action)


def _bag_inputs(
    stored: _StoredDose,
    header: PatientHeader,
    reconstituted_at: datetime | None,
    dilution: Dilution | None,
    now: datetime,
    zone: tzinfo | None,
) -> BagInputs:
    dose, prep = stored.dose, stored.preparation
    signatures = tuple(printed_signature(v, dose.day, zone) for v in stored.signatures)
    standing = tuple(dict.fromkeys(f.code for f in stored.standing))
    dose_id = bag_code(stored.cycle.number, dose.day, dose.id or 0)  # what a scan reads back
    if prep is None:
        if reconstituted_at is None:
            raise DocumentRefusedError(
                f"no preparation is recorded for Day {dose.day}; record the preparation "
                "(vials, times, preparer and checker) first, or give the reconstitution time"
            )
        return BagInputs(
            header,
            dose.day,
            reconstituted_at.astimezone(zone),
            now,
            diluted_at=None if dilution is None else dilution.at.astimezone(zone),
            diluted_storage=None if dilution is None else dilution.storage,
            dose_id=dose_id,
            signatures=signatures,
            open_findings=standing,
            entered_later=_entered_later(
                stored.marks, (reconstituted_at, None if dilution is None else dilution.at), zone
            ),
        )
    if reconstituted_at is not None and reconstituted_at != prep.reconstituted_at:
        raise DocumentRefusedError(
            "the reconstitution time given differs from the recorded preparation "
            f"({prep.reconstituted_at:%Y-%m-%d %H:%M} UTC); the label prints what was recorded"
        )
    if dilution is not None and dilution != prep.dilution:
        raise DocumentRefusedError(
            "the dilution time or storage given differs from the recorded preparation; the "
            "label prints what was recorded"
        )
    return BagInputs(
        header,
        dose.day,
        # The store keeps UTC; the label prints one zone throughout, the signatures' zone.
        prep.reconstituted_at.astimezone(zone),
        now,
        diluted_at=None if prep.diluted_at is None else prep.diluted_at.astimezone(zone),
        diluted_storage=prep.diluted_storage,  # None on bags saved before it was asked
        dose_id=dose_id,
        vial_lots=tuple(VialLot(v.lot, v.expiry) for v in prep.vial_lots),
        prepared_by=prep.prepared_by,
        checked_by=prep.checked_by,
        signatures=signatures,
        open_findings=standing,
        entered_later=_entered_later(stored.marks, (prep.reconstituted_at, prep.diluted_at), zone),
    )


def _entered_later(
    marks: tuple[BenchMark, ...], printed: tuple[datetime | None, ...], zone: tzinfo | None
) -> str:
    """ "entered later HH:MM" when a printed time was typed afterwards (the reason is at the
    bench and in the audit trail; the smallest stock has room for no more)."""
    late = [m.entered_at for m in marks if m.entered_at is not None and m.at in printed]
    return f"entered later {max(late).astimezone(zone):%H:%M}" if late else ""


def prepare_bag_label(
    store: Store,
    rules: ClinicalRules,
    dose_id: int,
    now: datetime,
    reconstituted_at: datetime | None = None,
    stock: LabelStock | None = None,
    *,
    zone: tzinfo | None = None,
    dilution: Dilution | None = None,
) -> PreparedDocument:
    """The stored dose's label; times from the recorded preparation, else the ones given
    (the reconstitution, and the dilution with how the bag is kept, if it is diluted).

    Electronic signatures print in `zone`, by default this workstation's local time zone.
    """
    stored = _read_dose(store, rules, dose_id, local_day(now))
    dose = stored.dose
    issued_at = whole_seconds(now)
    settings = document_settings(stored.site)

    if stock is not None:
        settings = replace(settings, label_stock=stock)
    try:
        header = patient_header(stored.patient)
        inputs = _bag_inputs(stored, header, reconstituted_at, dilution, now, zone)
        label = assemble_bag_label(
            rules, stored.cycle.number, stored_preparation(rules, dose), inputs, settings
        )
    except InputError as exc:
        raise DocumentRefusedError(str(exc)) from None
    reprint = any(p.content_sha256 == label.content_hash for p in stored.printed)
    label = with_audit_head(label, stored.audit_head)
    return PreparedDocument(DocumentKind.BAG_LABEL, label, None, dose_id, reprint, issued_at)
