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
    observation,
    premed_lead,
    premed_rule,
    preparation_notes,
)
from ino_desk.domain.preparation import concentration_findings, deadline_findings, deadlines

if TYPE_CHECKING:
    from ino_desk.domain.plan import CyclePlan, PlannedDose
    from ino_desk.domain.rules import ClinicalRules

REGIMEN_NAME = "Inotuzumab ozogamicin (BESPONSA) monotherapy"
PREMED_CLASSES = ("Corticosteroid", "Antipyretic", "Antihistamine")  # PI 2.2: the three classes
SIGNATURE_ROLES = ("Prescriber", "Verifying pharmacist", "Independent double check")
ROUTE = "IV"


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


def _aware(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None:
        raise DocumentRefusedError(f"{field} must carry its time zone")
    return moment


def _refuse_unresolved_blocks(plan: CyclePlan, overrides: tuple[OverrideLine, ...]) -> None:
    overridden = {o.code for o in overrides}
    open_blocks = [f for f in plan.findings if f.blocks and f.code not in overridden]
    if open_blocks:
        reasons = "; ".join(f.message for f in open_blocks)
        raise DocumentRefusedError(
            f"the plan has blocking findings without a pharmacist's override: {reasons}"
        )


def _cycle_order(plan: CyclePlan) -> CycleOrder:
    request, regimen = plan.request, plan.regimen
    row = regimen.row
    previous = request.previous
    if request.cycle == 1:
        response = "not applicable: cycle 1 is the same for every patient"
    elif previous is None or previous.response is None:
        response = f"cycle {request.cycle - 1} response not recorded"
    else:
        mrd = {True: ", MRD negative", False: ", MRD positive", None: ""}[previous.mrd_negative]
        response = (
            f"cycle {request.cycle - 1}: {previous.response.display_name}{mrd}; "
            f"selects the row “{row.applies_to}”"
        )
    intent = {
        True: "HSCT planned after treatment",
        False: "HSCT not planned",
        None: "not recorded",
    }[request.hsct_planned]
    extension = regimen.extension_reason.display_name if regimen.extension_reason else ""
    reduced = next((f.message for f in plan.findings if f.code == "DOSE_REDUCED"), None)
    return CycleOrder(
        regimen=REGIMEN_NAME,
        cycle=request.cycle,
        row=row.applies_to,
        row_citation=f"PI {row.section}",
        cycle_length_days=regimen.cycle_length_days,
        extension=extension,
        hsct_intent=intent,
        previous_response=response,
        dose_level=reduced or "full dose: no reduction for toxicity",
    )


def _dose_row(dose: PlannedDose) -> DoseRow:
    prep = dose.preparation
    return DoseRow(
        day=dose.day,
        planned=dose.window.planned,
        earliest=dose.window.earliest,
        latest=dose.window.latest,
        mg_per_m2=dose.mg_per_m2,
        calculated_mg=dose.rounding.calculated_mg,
        dose_mg=prep.dose_mg,
        vials=prep.vials,
        drug_volume_ml=prep.drug_volume_ml,
        discarded_mg=prep.discarded_mg,
    )


def _administration(rules: ClinicalRules, plan: CyclePlan) -> Administration:
    prep = plan.doses[0].preparation
    return Administration(
        route=ROUTE,
        diluent=diluent_name(rules),
        total_volume_ml=prep.total_volume_ml,
        infusion_minutes=prep.infusion_minutes,
        rate_ml_per_h=prep.rate_ml_per_h,
        citation=rules.infusion_rate_ml_per_h.citation,
    )


def _premedication(settings: DocumentSettings) -> tuple[PremedOrder, ...]:
    """The site's template for each class the label requires; blank where the site has none."""
    template = {p.drug_class.casefold(): p.order for p in settings.premedication_template}
    return tuple(PremedOrder(c, template.get(c.casefold(), "")) for c in PREMED_CLASSES)


def _signatures(given: tuple[Signature, ...]) -> tuple[Signature, ...]:
    by_role = {s.role: s for s in given}
    return tuple(by_role.get(role, Signature(role)) for role in SIGNATURE_ROLES)


def build_order_sheet(
    rules: ClinicalRules,
    plan: CyclePlan,
    inputs: OrderInputs,
    settings: DocumentSettings,
) -> OrderSheet:
    """The sealed order sheet; refused while a blocking finding has no recorded override."""
    _refuse_unresolved_blocks(plan, inputs.overrides)
    _aware(inputs.written_at, "date written")
    overridden = {o.code for o in inputs.overrides}
    findings = inputs.extra_findings + tuple(
        FindingLine(f.severity.value, f.code, f.message)
        for f in plan.findings
        if f.code not in overridden
    )
    request = plan.request
    body = BodySize(
        height_cm=inputs.height_cm,
        weight_kg=inputs.weight_kg,
        measured_on=inputs.measured_on,
        bsa_m2=request.bsa_m2,
        dosing_bsa_m2=plan.dosing_bsa_m2,
        bsa_formula=request.bsa_formula.display_name,
        site_policy=tuple(request.policy.describe()),
    )
    sheet = OrderSheet(
        site_name=settings.site_name,
        paper=settings.paper,
        label_revision=f"{rules.info.jurisdiction} PI {rules.info.revision}",
        written_at=inputs.written_at,
        patient=inputs.patient,
        order=_cycle_order(plan),
        body=body,
        doses=tuple(_dose_row(d) for d in plan.doses),
        total_mg=plan.total_mg,
        # from the planned doses, not the Table 1 row: a reduced cycle prints what it gives
        total_mg_per_m2=sum((d.mg_per_m2 for d in plan.doses), Decimal(0)),
        administration=_administration(rules, plan),
        premed_rule=premed_rule(rules),
        premedication=_premedication(settings),
        premed_lead=premed_lead(settings.premed_lead_minutes),
        observation=observation(rules),
        criteria=criteria(rules, first_cycle=request.cycle == 1),
        labs=inputs.labs,
        preparation=preparation_notes(rules, settings.hazardous_warning),
        boxed_warning=boxed_warning(),
        findings=findings,
        overrides=inputs.overrides,
        signatures=_signatures(inputs.signatures),
        unverified_notice=UNVERIFIED_NOTICE,
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
    dose_id: str | None = None
    vial_lots: tuple[VialLot, ...] = ()
    prepared_by: str | None = None
    checked_by: str | None = None
    overridden_codes: frozenset[str] = frozenset()  # plan findings a pharmacist overrode


def default_dose_id(mrn: str, cycle: int, day: int) -> str:
    """A readable dose id until the store assigns one: MRN, cycle and day."""
    return f"{mrn}-C{cycle}D{day}"


def build_bag_label(
    rules: ClinicalRules,
    plan: CyclePlan,
    inputs: BagInputs,
    settings: DocumentSettings,
) -> BagLabel:
    """The sealed bag label; refused with the reason when the bag may not be used."""
    dose = next((d for d in plan.doses if d.day == inputs.day), None)
    if dose is None:
        days = ", ".join(str(d.day) for d in plan.doses)
        raise DocumentRefusedError(
            f"cycle {plan.request.cycle} has no Day {inputs.day} dose ({days})"
        )
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
    # Cycle-wide blocks (e.g. a cycle limit) stop every bag unless overridden; concentration
    # findings belong to one day each, and this day's is checked below, override or not,
    # because the label describes exactly the bag that finding forbids.
    open_blocks = [
        f.message
        for f in plan.findings
        if f.blocks
        and not f.code.startswith("CONCENTRATION_")
        and f.code not in inputs.overridden_codes
    ]
    problems = concentration_findings(rules, dose.day, dose.preparation)
    limits = deadlines(rules, reconstituted)
    problems += deadline_findings(rules, limits, diluted_at=inputs.diluted_at, now=now)
    blocking = open_blocks + [f.message for f in problems if f.blocks]
    if blocking:
        raise DocumentRefusedError(" ".join(blocking))
    prep = dose.preparation
    dilution, end = (
        rules.max_reconstitution_to_dilution_h,
        rules.max_reconstitution_to_end_of_infusion_h,
    )
    citation = (
        dilution.citation
        if dilution.citation == end.citation
        else (f"{dilution.citation}; {end.citation}")
    )
    light = "Protect from light"
    label = BagLabel(
        site_name=settings.site_name,
        stock=settings.label_stock,
        label_revision=f"{rules.info.jurisdiction} PI {rules.info.revision}",
        patient=inputs.patient,
        cycle=plan.request.cycle,
        day=dose.day,
        dose_id=check_identifier(
            inputs.dose_id or default_dose_id(inputs.patient.mrn, plan.request.cycle, dose.day),
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
        limits_citation=citation,
        cautions=(light, "Do not shake", settings.hazardous_warning),
        vial_lots=inputs.vial_lots,
        prepared_by=inputs.prepared_by,
        checked_by=inputs.checked_by,
    )
    return seal(label)
