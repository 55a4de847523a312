"""Use case: assemble a bag label from a dose and its preparation (no storage, no layout)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ino_desk.domain.bench.preparation import (
    DilutedStorage,
    Dilution,
    concentration_findings,
    deadline_findings,
    deadlines,
    storage_limit,
)
from ino_desk.domain.printed.bag_label import BagLabel
from ino_desk.domain.printed.document_seal import seal
from ino_desk.domain.printed.documents import (
    DocumentRefusedError,
    PatientHeader,
    check_identifier,
)
from ino_desk.domain.printed.order_text import (
    diluent_name,
    diluted_storage_text,
)
from ino_desk.domain.printed.printed_signatures import ElectronicSignature
from ino_desk.domain.records import VialLot
from ino_desk.services.paperwork.document_signatures import label_signers
from ino_desk.services.paperwork.order_documents import aware
from ino_desk.services.staff.administration import ROUTE, syringe_caution

if TYPE_CHECKING:
    from ino_desk.domain.bench.preparation import Preparation
    from ino_desk.domain.printed.document_settings import DocumentSettings
    from ino_desk.domain.rules import ClinicalRules


@dataclass(frozen=True, slots=True)
class BagInputs:
    """What the preparer records for one bag."""

    patient: PatientHeader
    day: int
    reconstituted_at: datetime
    now: datetime
    diluted_at: datetime | None = None
    # How the diluted bag is kept; None with a dilution time: not recorded (old bags), which
    # counts as the shorter limit and prints as NOT RECORDED.
    diluted_storage: DilutedStorage | None = None
    dose_id: str | None = None
    vial_lots: tuple[VialLot, ...] = ()
    prepared_by: str | None = None
    checked_by: str | None = None
    overridden_codes: frozenset[str] = frozenset()  # plan findings a pharmacist overrode
    signatures: tuple[ElectronicSignature, ...] = ()  # the dose's, valid and void
    open_findings: tuple[str, ...] = ()  # codes of blocking findings that stand for this dose
    entered_later: str = ""  # "entered later HH:MM": a printed bench time typed afterwards


def default_dose_id(mrn: str, cycle: int, day: int) -> str:
    """A readable dose id until the store assigns one: MRN, cycle and day."""
    return f"{mrn}-C{cycle}D{day}"


def assemble_bag_label(
    rules: ClinicalRules,
    cycle: int,
    prep: Preparation,
    inputs: BagInputs,
    settings: DocumentSettings,
) -> BagLabel:
    """The one place a bag label is put together; refused with every reason that applies."""
    now = aware(inputs.now, "current time")
    reconstituted = aware(inputs.reconstituted_at, "reconstitution time")
    if reconstituted > now:
        raise DocumentRefusedError(
            "the reconstitution time is later than now; print the label after reconstituting"
        )
    diluted = inputs.diluted_at
    if diluted is not None and not reconstituted <= aware(diluted, "dilution time") <= now:
        raise DocumentRefusedError(
            "the dilution time must lie between reconstitution and now; check the recorded times"
        )
    problems = concentration_findings(rules, inputs.day, prep)
    if diluted is None and inputs.diluted_storage is not None:
        raise DocumentRefusedError("a storage for the diluted bag needs its dilution time")
    bag = None if diluted is None else Dilution(diluted, inputs.diluted_storage)
    limits = deadlines(rules, reconstituted, bag, prep.infusion_minutes)
    problems += deadline_findings(rules, limits, now=now, infusion_minutes=prep.infusion_minutes)
    blocking = [f.message for f in problems if f.blocks]
    if blocking:
        raise DocumentRefusedError(" ".join(blocking))
    dilution, end = (
        rules.max_reconstitution_to_dilution_h,
        rules.max_reconstitution_to_end_of_infusion_h,
    )
    citation = "; ".join(dict.fromkeys([dilution.citation, end.citation]))
    kept = (
        [storage_limit(rules, bag.storage)[1]]
        if bag is not None
        else [rules.diluted_room_temperature_max_h, rules.diluted_refrigerated_max_h]
    )
    light = "Protect from light"
    label = BagLabel(
        site_name=settings.site_name,
        stock=settings.label_stock,
        label_revision=f"{rules.info.jurisdiction} PI {rules.info.revision}",
        patient=inputs.patient,
        cycle=cycle,
        day=inputs.day,
        dose_id=check_identifier(
            inputs.dose_id or default_dose_id(inputs.patient.mrn, cycle, inputs.day),
            "dose id",
        ),
        drug=f"{rules.info.drug} ({rules.info.brand})",
        dose_mg=prep.dose_mg,
        drug_volume_ml=prep.drug_volume_ml,
        diluent=diluent_name(rules),
        diluent_ml=prep.diluent_ml,
        total_volume_ml=prep.total_volume_ml,
        concentration_mg_per_ml=prep.concentration_mg_per_ml,
        route=ROUTE,
        rate_ml_per_h=prep.rate_ml_per_h,
        infusion_minutes=prep.infusion_minutes,
        reconstituted_at=limits.reconstituted_at,
        dilute_by=limits.dilute_by,
        complete_by=limits.complete_by,
        diluted_at=None if bag is None else bag.at,
        start_by=limits.start_by,
        latest_start=limits.latest_start,
        storage=(
            diluted_storage_text(rules, bag.storage)
            if bag is not None
            else " ".join(f"[ ] {diluted_storage_text(rules, s)}" for s in DilutedStorage)
        ),
        storage_citation="; ".join(dict.fromkeys(f.short_citation for f in kept)),
        limits_citation=citation,
        cautions=(
            light,
            "Do not shake",
            settings.hazardous_warning,
            *((syringe_caution(prep.syringe),) if prep.syringe is not None else ()),
            *(
                (f"OPEN FINDINGS: {', '.join(inputs.open_findings)}",)
                if inputs.open_findings
                else ()
            ),
        ),
        vial_lots=inputs.vial_lots,
        prepared_by=inputs.prepared_by,
        checked_by=inputs.checked_by,
        signers=label_signers(inputs.signatures, inputs.prepared_by, inputs.checked_by),
        entered_later=inputs.entered_later,
    )
    return seal(label)
