"""A hand-worked patient and the documents built for it, shared by the document tests.

Hand arithmetic (CLINICAL-RULES 2.1, 2.4), 170 cm, 75 kg, Mosteller:
  BSA = sqrt(170 × 75 / 3600) = sqrt(3.5417) = 1.8819 -> 1.88 m²
  Cycle 1: Day 1 0.8 × 1.88 = 1.504 -> 1.50 mg, shown "1.5 mg"
           Day 8 and Day 15 0.5 × 1.88 = 0.94 mg
  total 1.5 + 0.94 + 0.94 = 3.38 mg (0.8 + 0.5 + 0.5 = 1.8 mg/m²)
  vials: ceil(1.5 / 0.9) = 2, ceil(0.94 / 0.9) = 2
  drug volume: 1.5 / 0.25 = 6 mL; 0.94 / 0.25 = 3.76 mL; diluent 50 - 3.76 = 46.24 mL
  concentration 0.94 / 50 = 0.0188 mg/mL; discard 2 × 0.9 - 1.5 = 0.3 mg, 1.8 - 0.94 = 0.86 mg
  start Wed 2026-11-25: Day 8 = 2026-12-02 (window ±2 days 11-30 to 12-04, clipped by 6 days
  from Day 1 and Day 15: 12-01 to 12-03), Day 15 = 2026-12-09 (12-07 to 12-11, clipped by
  6 days from Day 8: 12-08 to 12-11)
  reconstituted 09:30 UTC: dilute by +4 h = 13:30, complete by +8 h = 17:30
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pypdf

from ino_desk.domain.bench.preparation import Dilution
from ino_desk.domain.cycles.plan import CyclePlan
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.patients.measurements import HeightWeight
from ino_desk.domain.printed.bag_label import BagLabel
from ino_desk.domain.printed.document_settings import DocumentSettings
from ino_desk.domain.printed.documents import LabLine, OrderSheet, PatientHeader, PremedOrder
from ino_desk.domain.records import VialLot
from ino_desk.domain.rules import ClinicalRules
from ino_desk.services.paperwork.bag_label_assembly import BagInputs
from ino_desk.services.paperwork.order_documents import OrderInputs
from ino_desk.services.paperwork.unsaved_documents import build_bag_label, build_order_sheet
from ino_desk.services.planning.dosing import DoseQuery, calculate_cycle

START = date(2026, 11, 25)
WRITTEN = datetime(2026, 11, 25, 8, 15, tzinfo=UTC)
RECONSTITUTED = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
DILUTED = datetime(2026, 12, 2, 9, 38, tzinfo=UTC)

PATIENT = PatientHeader(
    full_name="TESTCASE, Jordan",
    mrn="MRN-424242",
    date_of_birth=date(1990, 12, 1),  # 35 on 2026-11-25 (birthday not yet reached)
    sex="male",
    allergies=("penicillin (rash)",),
    diagnosis="Relapsed CD22-positive B-cell precursor ALL",
)
SETTINGS = DocumentSettings(
    site_name="Test Site Pharmacy",
    premed_lead_minutes=45,
    premedication_template=(PremedOrder("Antipyretic", "TEST antipyretic order text"),),
)
LABS = (
    LabLine("ANC", Decimal("1.6"), "× 10⁹/L", date(2026, 11, 24)),
    LabLine("Total bilirubin", Decimal("0.9"), "mg/dL", date(2026, 11, 24), uln=Decimal("1.2")),
)


def worked_plan(rules: ClinicalRules, *, height: int = 170, weight: int = 75) -> CyclePlan:
    query = DoseQuery(
        measurements=HeightWeight(Decimal(height), Decimal(weight)),
        cycle=1,
        start=START,
        bsa_formula=BsaFormula.MOSTELLER,
        hsct_planned=True,
    )
    return calculate_cycle(rules, query).plan


def worked_sheet(rules: ClinicalRules, settings: DocumentSettings = SETTINGS) -> OrderSheet:
    inputs = OrderInputs(
        patient=PATIENT,
        height_cm=Decimal(170),
        weight_kg=Decimal(75),
        measured_on=date(2026, 11, 24),
        written_at=WRITTEN,
        labs=LABS,
    )
    return build_order_sheet(rules, worked_plan(rules), inputs, settings)


def worked_label(
    rules: ClinicalRules,
    settings: DocumentSettings = SETTINGS,
    *,
    vial_lots: tuple[VialLot, ...] = (),
    prepared_by: str | None = None,
    checked_by: str | None = None,
    dilution: Dilution | None = None,
) -> BagLabel:
    """Reconstituted 09:30 UTC, labelled 09:40; diluted only when `dilution` says so."""
    inputs = BagInputs(
        patient=PATIENT,
        day=8,
        reconstituted_at=RECONSTITUTED,
        now=datetime(2026, 12, 2, 9, 40, tzinfo=UTC),
        diluted_at=None if dilution is None else dilution.at,
        diluted_storage=None if dilution is None else dilution.storage,
        vial_lots=vial_lots,
        prepared_by=prepared_by,
        checked_by=checked_by,
    )
    return build_bag_label(rules, worked_plan(rules), inputs, settings)


def pdf_pages(data: bytes) -> list[str]:
    """Text of each page with all runs of white space (incl. no-break space) made one space."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]
