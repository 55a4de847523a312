"""A built-in, plainly fictional patient and site for `--demo` documents (no database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.patients.measurements import HeightWeight
from ino_desk.domain.printed.document_settings import DocumentSettings
from ino_desk.domain.printed.documents import LabLine, OrderSheet, PatientHeader, PremedOrder
from ino_desk.services.paperwork.order_documents import PREMED_CLASSES, OrderInputs
from ino_desk.services.paperwork.unsaved_documents import build_order_sheet
from ino_desk.services.planning.dosing import DoseQuery, calculate_cycle

if TYPE_CHECKING:
    from ino_desk.domain.bench.preparation import Dilution
    from ino_desk.domain.cycles.plan import CyclePlan
    from ino_desk.domain.printed.bag_label import BagLabel
    from ino_desk.domain.rules import ClinicalRules

DEMO_MRN = "DEMO-0001"
_DEMO_NOTE = "DEMO ONLY, fictional site: per the site's premedication protocol"


def demo_settings() -> DocumentSettings:
    """A plainly fictional site, so a demo printout can never pass for a real order."""
    return DocumentSettings(
        site_name="Demo Hospital Pharmacy (fictional)",
        premedication_template=tuple(PremedOrder(c, _DEMO_NOTE) for c in PREMED_CLASSES),
    )


def demo_patient() -> PatientHeader:
    return PatientHeader(
        full_name="DEMO, Alex (fictional patient)",
        mrn=DEMO_MRN,
        date_of_birth=date(1984, 6, 15),
        sex="female",
        allergies=(),
        diagnosis="Relapsed or refractory CD22-positive B-cell precursor acute lymphoblastic "
        "leukemia (ALL)",
    )


DEMO_HEIGHT_CM = Decimal(170)
DEMO_WEIGHT_KG = Decimal(75)


def demo_labs(on: date) -> tuple[LabLine, ...]:
    """Fictional lab values of the demo patient (not thresholds: those come from the pack)."""
    per_l = "× 10⁹/L"
    return (
        LabLine("ANC", Decimal("1.8"), per_l, on),
        LabLine("Platelets", Decimal(120), per_l, on, note="no transfusion since"),
        LabLine("Total bilirubin", Decimal("0.8"), "mg/dL", on, uln=Decimal("1.2")),
        LabLine("AST", Decimal(30), "units/L", on, uln=Decimal(40)),
        LabLine("ALT", Decimal(25), "units/L", on, uln=Decimal(45)),
        LabLine("Peripheral blasts", Decimal(2000), "/mm³", on),
    )


def demo_plan(rules: ClinicalRules, cycle: int, start: date) -> CyclePlan:
    """The demo course: no HSCT planned, CR after every earlier cycle."""
    query = DoseQuery(
        measurements=HeightWeight(DEMO_HEIGHT_CM, DEMO_WEIGHT_KG),
        cycle=cycle,
        start=start,
        bsa_formula=BsaFormula.MOSTELLER,
        previous_response=Response.CR if cycle > 1 else None,
        hsct_planned=False,
    )
    return calculate_cycle(rules, query).plan


def demo_order_sheet(
    rules: ClinicalRules, cycle: int, now: datetime, settings: DocumentSettings | None = None
) -> OrderSheet:
    plan = demo_plan(rules, cycle, now.date())
    inputs = OrderInputs(
        patient=demo_patient(),
        height_cm=DEMO_HEIGHT_CM,
        weight_kg=DEMO_WEIGHT_KG,
        measured_on=now.date(),
        written_at=now,
        labs=demo_labs(now.date()),
    )
    return build_order_sheet(rules, plan, inputs, settings or demo_settings())


def demo_bag_label(
    rules: ClinicalRules,
    cycle: int,
    day: int,
    reconstituted_at: datetime,
    now: datetime,
    settings: DocumentSettings | None = None,
    dilution: Dilution | None = None,
) -> BagLabel:
    # Imported here: an order sheet needs no bag-label code (issue 17, command start-up).
    from ino_desk.services.paperwork.bag_label_assembly import BagInputs
    from ino_desk.services.paperwork.unsaved_documents import build_bag_label

    # Start the demo cycle so that the requested day's dose falls on the reconstitution date.
    plan = demo_plan(rules, cycle, reconstituted_at.date() - timedelta(days=day - 1))
    inputs = BagInputs(
        patient=demo_patient(),
        day=day,
        reconstituted_at=reconstituted_at,
        now=now,
        diluted_at=None if dilution is None else dilution.at,
        diluted_storage=None if dilution is None else dilution.storage,
    )
    return build_bag_label(rules, plan, inputs, settings or demo_settings())
