"""The order sheet PDF shows every ASCO/ONS element with the hand-worked values."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.patients.measurements import HeightWeight
from ino_desk.domain.printed.document_seal import seal
from ino_desk.domain.printed.documents import OverrideLine, PaperSize, PatientHeader, Signature
from ino_desk.domain.quantities import format_number, format_quantity
from ino_desk.domain.rules import ClinicalRules
from ino_desk.pdf.render import PdfRenderer
from ino_desk.services.paperwork.order_documents import OrderInputs
from ino_desk.services.paperwork.unsaved_documents import build_order_sheet
from ino_desk.services.planning.dosing import DoseQuery, calculate_cycle
from tests.pdf.worked_patient import (
    PATIENT,
    SETTINGS,
    START,
    WRITTEN,
    pdf_pages,
    worked_sheet,
)


@pytest.fixture(scope="module")
def text(rules: ClinicalRules) -> str:
    return " ".join(pdf_pages(PdfRenderer(invariant=True).order_sheet(worked_sheet(rules))))


@pytest.mark.parametrize(
    "expected",
    [
        # header, identity
        "Test Site Pharmacy",
        "Inotuzumab ozogamicin (BESPONSA) — cycle 1 order",
        "TESTCASE, Jordan",
        "MRN-424242",
        "1990-12-01 (age 35 years)",
        "Sex male",
        "Allergies penicillin (rash)",
        "Diagnosis Relapsed CD22-positive B-cell precursor ALL",
        "Date written Wed 2026-11-25 08:15 UTC",
        "Regimen Inotuzumab ozogamicin (BESPONSA) monotherapy",
        "Table 1 row “Cycle 1, every patient”; 21 days (PI 2.1 Table 1)",
        "Course intent HSCT planned after treatment",
        "not applicable: cycle 1 is the same for every patient",
        "full dose: no reduction for toxicity",
        # body size and policy
        "170 cm / 75 kg, measured Tue 2026-11-24",
        "BSA 1.88 m² (Mosteller)",
        "Site policy: BSA cap none",
        "off (doses as calculated)",
        # dose table: day, date, window, mg/m², dose, give, vials, volume, discard
        "1 Wed 2026-11-25 on the day 0.8 1.5 mg IV in 0.9% sodium chloride to a total of 50 mL, "
        "over 1 hour at 50 mL/h 2 6 mL 0.3 mg",
        "8 Wed 2026-12-02 2026-12-01 to 2026-12-03 0.5 0.94 mg",
        "15 Wed 2026-12-09 2026-12-08 to 2026-12-11 0.5 0.94 mg",
        "2 3.76 mL 0.86 mg",
        "Cycle total 3.38 mg (1.8 mg/m²)",
        # premedication and observation
        "Before every dose give a corticosteroid, an antipyretic and an antihistamine.",
        "Antipyretic TEST antipyretic order text",
        "Corticosteroid ______________________________",
        "Give the premedication 45 minutes before each infusion starts. "
        "(site policy, not a label instruction)",
        "for at least 1 hour after it ends for infusion-related reactions",
        # criteria with pack thresholds, and the labs
        "cytoreduce (hydroxyurea, steroids and/or vincristine) to ≤ 10,000/mm³",
        "Baseline ANC (before the first dose of the course) ≥ 1 × 109/L",
        "platelets ≥ 50 × 109/L (count independent of transfusion)",
        "Total bilirubin > 1.5 × ULN and AST/ALT > 2.5 × ULN",
        "reduce the next cycle's total dose by 25%",
        "Treatment-related, Grade 2 or more: hold until Grade 1 or the baseline grade.",
        "Interrupt the infusion and manage the reaction; severe or life-threatening: stop",
        "Complete blood count before every dose",
        "ANC 1.6 × 109/L",
        # 0.9 / 1.2 = 0.75 -> 0.8 × ULN (half up to 0.1)
        "Total bilirubin 0.9 mg/dL 0.8 × ULN 1.2 mg/dL Tue 2026-11-24",
        # preparation and handling
        "with 4 mL Sterile Water for Injection to 0.25 mg/mL; each vial delivers 3.6 mL (0.9 mg)",
        "Protect from light",
        "NEVER a nylon or mixed cellulose ester (MCE) filter",
        "Reconstitution to end of infusion: at most 8 hours; reconstitution to dilution: at most "
        "4 hours",
        "HAZARDOUS DRUG",
        # boxed warning, findings, signatures, unconfirmed mark
        "WARNING: HEPATOTOXICITY",
        "No overridden findings.",
        "Prescriber Signature",
        "Verifying pharmacist Signature",
        "Independent double check Signature",
        "unconfirmed: verify against the current PI",
        # footer
        "label revision US PI 3/2024",
    ],
)
def test_order_sheet_shows(text: str, expected: str) -> None:
    assert expected in text


def test_every_page_carries_patient_id_document_id_hash_and_page_x_of_y(
    rules: ClinicalRules,
) -> None:
    sheet = worked_sheet(rules)
    pages = pdf_pages(PdfRenderer(invariant=True).order_sheet(sheet))
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of 3" in page
        assert "TESTCASE, Jordan · MRN MRN-424242 · DOB 1990-12-01" in page
        assert f"Document {sheet.document_id}" in page
        assert f"Content SHA-256 {sheet.content_hash}" in page


def test_numbers_follow_ismp(text: str) -> None:
    # no trailing zero after a decimal point (1.50 mg, 1.0 mg) and no naked leading dot (.5)
    assert not re.search(r"\d\.\d*0(?!\d) ?(mg|mL|m²)", text)
    assert not re.search(r"(?<![\d\w])\.\d", text)


def test_a_dose_never_sits_apart_from_its_row(rules: ClinicalRules) -> None:
    # Every dose's day, date and dose are on the same page, whatever the page.
    pages = pdf_pages(PdfRenderer(invariant=True).order_sheet(worked_sheet(rules)))
    rows = ["1 Wed 2026-11-25", "8 Wed 2026-12-02", "15 Wed 2026-12-09"]
    for row in rows:
        holder = [p for p in pages if row in p]
        assert len(holder) == 1
        assert "mg" in holder[0].split(row, 1)[1][:120]


def test_a4_setting_prints_on_a4(rules: ClinicalRules) -> None:
    sheet = worked_sheet(rules, dataclasses.replace(SETTINGS, paper=PaperSize.A4))
    reader = pypdf.PdfReader(io.BytesIO(PdfRenderer(invariant=True).order_sheet(sheet)))
    box = reader.pages[0].mediabox
    # A4 is 210 × 297 mm = 595.3 × 841.9 pt; Letter would be 612 × 792
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_letter_is_the_default(rules: ClinicalRules) -> None:
    reader = pypdf.PdfReader(io.BytesIO(PdfRenderer().order_sheet(worked_sheet(rules))))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 792)


def test_signed_blocks_and_overrides_print_who_when_and_why(rules: ClinicalRules) -> None:
    sheet = worked_sheet(rules)
    signed = dataclasses.replace(
        sheet,
        signatures=(
            Signature("Prescriber", "Dr Test Prescriber", WRITTEN, "ordered this cycle"),
            *sheet.signatures[1:],
        ),
        overrides=(
            OverrideLine(
                "CYCLE_LIMIT_TOTAL",
                "Cycle beyond the total",
                "tumour board decision",
                "pharmacist Test Pharm",
                WRITTEN,
            ),
        ),
    )
    text = " ".join(pdf_pages(PdfRenderer().order_sheet(signed)))
    assert "Signed in ino-desk by Dr Test Prescriber Wed 2026-11-25 08:15 UTC" in text
    assert "Meaning: ordered this cycle" in text
    assert "Verifying pharmacist Signature ___" in text
    assert "CYCLE_LIMIT_TOTAL: Cycle beyond the total tumour board decision" in text
    assert "pharmacist Test Pharm, Wed 2026-11-25 08:15 UTC" in text


def test_reprint_is_marked_on_every_page(rules: ClinicalRules) -> None:
    sheet = worked_sheet(rules)
    original = pdf_pages(PdfRenderer().order_sheet(sheet))
    reprint = pdf_pages(PdfRenderer().order_sheet(sheet, reprint=True))
    assert not any("REPRINT" in page for page in original)
    assert all("REPRINT" in page and sheet.content_hash in page for page in reprint)


def test_a_long_name_is_printed_whole_in_every_page_header(rules: ClinicalRules) -> None:
    long_name = "VERYLONGSURNAME-DOUBLEBARRELLED, Maximilian Alexander Johannes Friedrich"
    settings = dataclasses.replace(
        SETTINGS, site_name="St. Elsewhere University Hospital, Department of Oncology Pharmacy"
    )
    sheet = worked_sheet(rules, settings)
    sheet = seal(
        dataclasses.replace(sheet, patient=dataclasses.replace(sheet.patient, full_name=long_name))
    )
    pages = pdf_pages(PdfRenderer().order_sheet(sheet))
    for page in pages:
        assert f"{long_name} · MRN MRN-424242 · DOB 1990-12-01" in page
        assert "St. Elsewhere" in page  # shortened with an ellipsis, never overprinted


def test_a_name_longer_than_a_line_is_refused() -> None:
    with pytest.raises(InputError, match="patient name: at most 100 characters"):
        PatientHeader("X" * 101, "M1", date(2000, 1, 1), "female")


@settings(max_examples=12, deadline=None)
@given(height=st.integers(130, 210), weight=st.integers(30, 150), cycle=st.integers(1, 3))
def test_any_patient_prints_each_dose_in_ismp_form(
    rules: ClinicalRules, height: int, weight: int, cycle: int
) -> None:
    query = DoseQuery(
        measurements=HeightWeight(Decimal(height), Decimal(weight)),
        cycle=cycle,
        start=START,
        bsa_formula=BsaFormula.MOSTELLER,
        previous_response=Response.CR if cycle > 1 else None,
        hsct_planned=False,
    )
    plan = calculate_cycle(rules, query).plan
    # Below the bag range there is no bag (a stop, never printed): such patients are not drawn.
    assume(not any(f.stops for f in plan.findings))
    overrides = tuple(
        OverrideLine(f.code, f.message, "property test", "tester", WRITTEN)
        for f in plan.findings
        if f.blocks
    )
    inputs = OrderInputs(
        PATIENT, Decimal(height), Decimal(weight), START, WRITTEN, overrides=overrides
    )
    sheet = build_order_sheet(rules, plan, inputs, SETTINGS)
    text = " ".join(pdf_pages(PdfRenderer().order_sheet(sheet)))
    for dose in plan.doses:
        assert f"{format_number(dose.mg_per_m2)} {format_quantity(dose.dose_mg, 'mg')}" in text
    assert f"Cycle total {format_quantity(plan.total_mg, 'mg')}" in text
    assert not re.search(r"\d\.\d*0(?!\d) ?(mg|mL|m²)", text)
    assert not re.search(r"(?<![\d\w])\.\d", text)
