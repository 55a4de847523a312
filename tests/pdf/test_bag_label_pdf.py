"""The bag label shows what the nurse checks at the bedside, on either label stock."""

from __future__ import annotations

import dataclasses
import io
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pypdf
import pytest

from ino_desk.domain.bench.preparation import DilutedStorage, Dilution
from ino_desk.domain.printed.document_seal import document_content_hash
from ino_desk.domain.printed.documents import LabelStock
from ino_desk.domain.printed.printed_signatures import LabelSigner
from ino_desk.domain.records import VialLot
from ino_desk.domain.rules import ClinicalRules
from ino_desk.pdf.bag_label import LabelOverflowError
from ino_desk.pdf.render import PdfRenderer
from tests.pdf.worked_patient import DILUTED, SETTINGS, pdf_pages, worked_label

if TYPE_CHECKING:
    from ino_desk.domain.printed.bag_label import BagLabel


@pytest.fixture(scope="module")
def text(rules: ClinicalRules) -> str:
    (page,) = pdf_pages(PdfRenderer(invariant=True).bag_label(worked_label(rules)))
    return page


@pytest.mark.parametrize(
    "expected",
    [
        "TESTCASE, Jordan",
        "MRN MRN-424242 · DOB 1990-12-01 · Cycle 1 Day 8",
        "inotuzumab ozogamicin (BESPONSA) 0.94 mg",
        # 0.94 / 0.25 = 3.76 mL drug; 50 - 3.76 = 46.24 mL diluent; 0.94 / 50 = 0.0188 mg/mL
        "3.76 mL drug + 46.24 mL 0.9% sodium chloride = 50 mL · 0.0188 mg/mL",
        "IV over 1 hour at 50 mL/h",
        # reconstituted 09:30; +4 h and +8 h
        "Reconstituted Wed 2026-12-02 09:30 UTC",
        "Dilute by Wed 2026-12-02 13:30 UTC",
        "Complete infusion by Wed 2026-12-02 17:30 UTC",
        "PROTECT FROM LIGHT · DO NOT SHAKE",
        "HAZARDOUS DRUG",
        "Vials: ____",
        "Verified by: ____",
        "Prepared by: ____",
        "Checked by: ____",
        "Dose MRN-424242-C1D8",
        "US PI 3/2024",
    ],
)
def test_label_shows(text: str, expected: str) -> None:
    assert expected in text


def test_recorded_lots_preparer_and_checker_are_printed(rules: ClinicalRules) -> None:
    label = worked_label(
        rules,
        vial_lots=(VialLot("LOT123", date(2027, 3, 31)), VialLot("LOT124", date(2027, 4, 30))),
        prepared_by="A. Preparer",
        checked_by="B. Checker",
    )
    (page,) = pdf_pages(PdfRenderer().bag_label(label))
    assert "Vials: lot LOT123 exp 2027-03-31; lot LOT124 exp 2027-04-30" in page
    # Recorded names without electronic signatures: no signing time, verifier line blank.
    assert "Verified by: ____" in page
    assert "Prepared by: A. Preparer Checked by: B. Checker Dose" in page


def test_a_label_built_without_signers_still_prints_the_recorded_names(
    rules: ClinicalRules,
) -> None:
    label = dataclasses.replace(
        worked_label(rules), prepared_by="A. Preparer", checked_by="B. Checker", signers=()
    )
    (page,) = pdf_pages(PdfRenderer().bag_label(label))
    assert "Prepared by: A. Preparer Checked by: B. Checker Dose" in page


@pytest.mark.parametrize(
    ("stock", "size_pt"),
    [
        (LabelStock.INCH_4X3, (288, 216)),  # 4 × 72 by 3 × 72
        (LabelStock.MM_100X70, (283, 198)),  # 100 / 25.4 × 72 = 283.5; 70 / 25.4 × 72 = 198.4
    ],
)
def test_label_page_is_the_stock_size(
    rules: ClinicalRules, stock: LabelStock, size_pt: tuple[int, int]
) -> None:
    label = worked_label(rules, dataclasses.replace(SETTINGS, label_stock=stock))
    reader = pypdf.PdfReader(io.BytesIO(PdfRenderer().bag_label(label)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (int(float(box.width)), int(float(box.height))) == size_pt


def test_content_that_does_not_fit_is_refused_not_clipped(rules: ClinicalRules) -> None:
    long_warning = "HAZARDOUS DRUG: " + "wear two pairs of gloves and a gown; " * 12
    label = dataclasses.replace(worked_label(rules), cautions=("a", "b", long_warning))
    with pytest.raises(LabelOverflowError, match="does not fit 4x3in stock"):
        PdfRenderer().bag_label(label)


@pytest.mark.parametrize("stock", list(LabelStock))
def test_reprint_is_marked_and_keeps_the_same_document(
    rules: ClinicalRules, stock: LabelStock
) -> None:
    label = worked_label(rules, dataclasses.replace(SETTINGS, label_stock=stock))
    (first,) = pdf_pages(PdfRenderer().bag_label(label))
    (again,) = pdf_pages(PdfRenderer().bag_label(label, reprint=True))
    assert "REPRINT" not in first
    assert "REPRINT" in again
    assert label.document_id in again


def _signed_in_full(label: BagLabel) -> BagLabel:
    """The most a label carries: two vial lots and three electronic signatures."""
    signed = datetime(2026, 12, 2, 9, 36, tzinfo=UTC)
    return dataclasses.replace(
        label,
        vial_lots=(VialLot("ABC123", date(2028, 12, 31)), VialLot("ABC124", date(2028, 12, 31))),
        signers=(
            LabelSigner("Verified by", "Vera Verifier", signed),
            LabelSigner("Prepared by", "Tom Technician", signed),
            LabelSigner("Checked by", "Paula Apothecary", signed),
        ),
    )


@pytest.mark.parametrize(
    ("storage", "start_by", "kept"),
    [
        # reconstituted 09:30, diluted 09:38: 09:38 + 4 h = 13:38 (before 09:30 + 8 h − 1 h)
        (DilutedStorage.ROOM_TEMPERATURE, "13:38", "room temperature 20–25 °C, use within 4 h"),
        # 09:38 + 3 h = 12:38
        (
            DilutedStorage.REFRIGERATED,
            "12:38",
            "refrigerated 2–8 °C, use within 3 h; allow ~1 h to warm",
        ),
        (None, "12:38", "NOT RECORDED: use within 3 h of dilution, the shorter limit"),
    ],
)
@pytest.mark.parametrize("stock", list(LabelStock))
@pytest.mark.parametrize("reprint", [False, True])
def test_a_diluted_bag_prints_start_by_and_storage_and_fits_every_stock(
    rules: ClinicalRules,
    storage: DilutedStorage | None,
    start_by: str,
    kept: str,
    stock: LabelStock,
    reprint: bool,
) -> None:
    settings = dataclasses.replace(SETTINGS, label_stock=stock)
    label = _signed_in_full(worked_label(rules, settings, dilution=Dilution(DILUTED, storage)))
    # Rendering refuses (LabelOverflowError) whatever does not fit: this is the fit check.
    (page,) = pdf_pages(PdfRenderer().bag_label(label, reprint=reprint))
    assert "Reconstituted Wed 2026-12-02 09:30 UTC · diluted 09:38" in page
    assert f"Start infusion by Wed 2026-12-02 {start_by} UTC" in page
    assert "Complete infusion by Wed 2026-12-02 17:30 UTC" in page
    assert f"Store diluted bag: {kept} (PI 2.4; storage PI 2.4, unconfirmed)" in page
    assert "Dilute by" not in page  # met at dilution; the dilution time is printed instead
    assert "Paula Apothecary 2026-12-02 09:36 UTC" in page


@pytest.mark.parametrize("stock", list(LabelStock))
def test_a_bag_not_yet_diluted_leaves_start_by_to_fill_in(
    rules: ClinicalRules, stock: LabelStock
) -> None:
    label = worked_label(rules, dataclasses.replace(SETTINGS, label_stock=stock))
    (page,) = pdf_pages(PdfRenderer().bag_label(label))
    # 09:30 + 8 h − 1 h = 16:30 at the latest; the storage decides, so both are offered
    assert "Start infusion by _________ (no later than 16:30); diluted bag kept: " in page
    assert (
        "[ ] room temperature 20–25 °C, use within 4 h [ ] refrigerated 2–8 °C, use within "
        "3 h; allow ~1 h to warm (PI 2.4, unconfirmed)"
    ) in page


@pytest.mark.parametrize("stock", list(LabelStock))
def test_a_signature_from_paper_prints_its_paper_time_and_fits(
    rules: ClinicalRules, stock: LabelStock
) -> None:
    """A preparation signed on paper during a downtime (issue 18) shows the paper's time."""
    full = _signed_in_full(worked_label(rules, dataclasses.replace(SETTINGS, label_stock=stock)))
    entered = datetime(2026, 12, 2, 9, 36, tzinfo=UTC)
    on_paper = datetime(2026, 12, 1, 14, 30, tzinfo=UTC)
    signers = (
        full.signers[0],
        LabelSigner("Prepared by", "Tom Technician", entered, paper_time=on_paper),
        full.signers[2],
    )
    label = dataclasses.replace(full, signers=signers)
    (page,) = pdf_pages(PdfRenderer(invariant=True).bag_label(label))
    assert "Prepared by (paper):" in page
    assert "2026-12-01 14:30 UTC" in page  # the paper's time, not the entry's
    assert page.count("2026-12-02 09:36 UTC") == 2  # the other two signed live


def test_a_paper_time_is_part_of_the_content_hash_only_when_set(rules: ClinicalRules) -> None:
    """Documents issued before paper times existed keep their ids; one with it differs."""
    label = _signed_in_full(worked_label(rules))
    on_paper = datetime(2026, 12, 1, 14, 30, tzinfo=UTC)
    prepared = dataclasses.replace(label.signers[1], paper_time=on_paper)
    paper = dataclasses.replace(label, signers=(label.signers[0], prepared, label.signers[2]))
    assert document_content_hash(paper) != document_content_hash(label)
    # Without it, the hash is the one issued before (the golden hash in test_determinism).
