"""Use case: assemble a cycle order sheet from a plan (no storage, no layout)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.printed.document_seal import seal
from ino_desk.domain.printed.documents import (
    Administration,
    BodySize,
    CycleOrder,
    DocumentRefusedError,
    DoseRow,
    FindingLine,
    LabLine,
    OrderSheet,
    OverrideLine,
    PatientHeader,
    PremedOrder,
    Signature,
)
from ino_desk.domain.printed.order_text import (
    UNVERIFIED_NOTICE,
    boxed_warning,
    criteria,
    observation,
    premed_lead,
    premed_rule,
    preparation_notes,
)
from ino_desk.domain.printed.printed_signatures import ElectronicSignature
from ino_desk.services.paperwork.document_signatures import signature_blocks

if TYPE_CHECKING:
    from ino_desk.domain.cycles.cycle_limits import CycleOutcome
    from ino_desk.domain.cycles.regimen import ExtensionReason
    from ino_desk.domain.printed.document_settings import DocumentSettings
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
    labs: tuple[LabLine, ...] = ()
    overrides: tuple[OverrideLine, ...] = ()
    signatures: tuple[Signature, ...] = ()
    extra_findings: tuple[FindingLine, ...] = ()
    electronic_signatures: tuple[ElectronicSignature, ...] = ()  # every dose's, valid and void


def aware(moment: datetime, field: str) -> datetime:
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
    aware(inputs.written_at, "date written")
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
