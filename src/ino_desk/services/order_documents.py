"""Use case: assemble a cycle order sheet or a bag label from a plan (no storage, no layout)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.documents import (
    Administration,
    BagLabel,
    BodySize,
    CycleOrder,
    DocumentRefusedError,
    DocumentSettings,
    DoseRow,
    FindingLine,
    LabResult,
    OrderSheet,
    OverrideLine,
    PatientHeader,
    PremedOrder,
    Signature,
    VialLot,
    check_identifier,
    seal,
)
from ino_desk.domain.order_text import (
    UNVERIFIED_NOTICE,
    boxed_warning,
    criteria,
    diluent_name,
    diluted_storage_text,
    observation,
    premed_lead,
    premed_rule,
    preparation_notes,
)
from ino_desk.domain.preparation import (
    DilutedStorage,
    Dilution,
    concentration_findings,
    deadline_findings,
    deadlines,
    storage_limit,
)
from ino_desk.domain.printed_signatures import ElectronicSignature
from ino_desk.services.administration import ROUTE, syringe_caution
from ino_desk.services.document_signatures import label_signers, signature_blocks

if TYPE_CHECKING:
    from ino_desk.domain.cycle_limits import CycleOutcome
    from ino_desk.domain.preparation import Preparation
    from ino_desk.domain.regimen import ExtensionReason
    from ino_desk.domain.rules import ClinicalRules, RegimenRow

REGIMEN_NAME = "Inotuzumab ozogamicin (BESPONSA) monotherapy"
PREMED_CLASSES = ("Corticosteroid", "Antipyretic", "Antihistamine")  # PI 2.2: the three classes
SIGNATURE_ROLES = ("Prescriber", "Verifying pharmacist", "Independent double check")
FULL_DOSE = "full dose: no reduction for toxicity"


@dataclass(frozen=True, slots=True)
class OrderInputs:
    """What the order sheet shows beyond the plan itself."""

    patient: PatientHeader
    height_cm: Decimal
    weight_kg: Decimal
    measured_on: date
    written_at: datetime
    labs: tuple[LabResult, ...] = ()
    overrides: tuple[OverrideLine, ...] = ()
    signatures: tuple[Signature, ...] = ()
    extra_findings: tuple[FindingLine, ...] = ()
    electronic_signatures: tuple[ElectronicSignature, ...] = ()  # every dose's, valid and void


def _aware(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None:
        raise DocumentRefusedError(f"{field} must carry its time zone")
    return moment


def cycle_order(
    cycle: int,
    row: RegimenRow,
    cycle_length_days: int,
    extension: ExtensionReason | None,
    hsct_planned: bool | None,
    previous: CycleOutcome | None,
    dose_level: str | None,
    cumulative: str = "",
) -> CycleOrder:
    """The regimen block of the sheet, from a fresh plan or a stored cycle alike."""
    if cycle == 1:
        response = "not applicable: cycle 1 is the same for every patient"
    elif previous is None or previous.response is None:
        response = f"cycle {cycle - 1} response not recorded"
    else:
        mrd = {True: ", MRD negative", False: ", MRD positive", None: ""}[previous.mrd_negative]
        response = (
            f"cycle {cycle - 1}: {previous.response.display_name}{mrd}; "
            f"selects the row “{row.applies_to}”"
        )
    intent = {
        True: "HSCT planned after treatment",
        False: "HSCT not planned",
        None: "not recorded",
    }[hsct_planned]
    return CycleOrder(
        regimen=REGIMEN_NAME,
        cycle=cycle,
        row=row.applies_to,
        row_citation=f"PI {row.section}",
        cycle_length_days=cycle_length_days,
        extension=extension.display_name if extension else "",
        hsct_intent=intent,
        previous_response=response,
        dose_level=dose_level or FULL_DOSE,
        cumulative=cumulative,
    )


def _premedication(settings: DocumentSettings) -> tuple[PremedOrder, ...]:
    """The site's template for each class the label requires; blank where the site has none."""
    template = {p.drug_class.casefold(): p.order for p in settings.premedication_template}
    required = tuple(PremedOrder(c, template.get(c.casefold(), "")) for c in PREMED_CLASSES)
    classes = {c.casefold() for c in PREMED_CLASSES}
    # Whatever else the site's template says is printed too, never dropped.
    extra = tuple(
        p for p in settings.premedication_template if p.drug_class.casefold() not in classes
    )
    return required + extra


@dataclass(frozen=True, slots=True)
class CycleFacts:
    """What the sheet says about the cycle itself, whether freshly planned or as stored."""

    order: CycleOrder
    first_cycle: bool
    bsa_m2: Decimal
    dosing_bsa_m2: Decimal
    bsa_formula: str
    site_policy: tuple[tuple[str, str], ...]
    doses: tuple[DoseRow, ...]
    administration: Administration
    findings: tuple[FindingLine, ...] = ()  # open findings to print (overridden ones excluded)


def assemble_order_sheet(
    rules: ClinicalRules, facts: CycleFacts, inputs: OrderInputs, settings: DocumentSettings
) -> OrderSheet:
    """The one place an order sheet is put together; both plans and stored cycles come here."""
    _aware(inputs.written_at, "date written")
    body = BodySize(
        height_cm=inputs.height_cm,
        weight_kg=inputs.weight_kg,
        measured_on=inputs.measured_on,
        bsa_m2=facts.bsa_m2,
        dosing_bsa_m2=facts.dosing_bsa_m2,
        bsa_formula=facts.bsa_formula,
        site_policy=facts.site_policy,
    )
    sheet = OrderSheet(
        site_name=settings.site_name,
        paper=settings.paper,
        label_revision=f"{rules.info.jurisdiction} PI {rules.info.revision}",
        written_at=inputs.written_at,
        patient=inputs.patient,
        order=facts.order,
        body=body,
        doses=facts.doses,
        total_mg=sum((d.dose_mg for d in facts.doses), Decimal(0)),
        # from the doses, not the Table 1 row: a reduced cycle prints what it gives
        total_mg_per_m2=sum((d.mg_per_m2 for d in facts.doses), Decimal(0)),
        administration=facts.administration,
        premed_rule=premed_rule(rules),
        premedication=_premedication(settings),
        premed_lead=premed_lead(settings.premed_lead_minutes),
        observation=observation(rules),
        criteria=criteria(rules, first_cycle=facts.first_cycle),
        labs=inputs.labs,
        preparation=preparation_notes(rules, settings.hazardous_warning),
        boxed_warning=boxed_warning(),
        findings=inputs.extra_findings + facts.findings,
        overrides=inputs.overrides,
        signatures=signature_blocks(
            SIGNATURE_ROLES,
            inputs.signatures,
            inputs.electronic_signatures,
            tuple(d.day for d in facts.doses),
        ),
        unverified_notice=UNVERIFIED_NOTICE,
        electronic_signatures=inputs.electronic_signatures,
    )
    return seal(sheet)


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
    now = _aware(inputs.now, "current time")
    reconstituted = _aware(inputs.reconstituted_at, "reconstitution time")
    if reconstituted > now:
        raise DocumentRefusedError(
            "the reconstitution time is later than now; print the label after reconstituting"
        )
    diluted = inputs.diluted_at
    if diluted is not None and not reconstituted <= _aware(diluted, "dilution time") <= now:
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
