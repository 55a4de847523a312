"""The viewer's text: complete, corrected, and every number rendered from the label pack."""

from __future__ import annotations

import re
import shutil
import tomllib
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.label.checksums import write_checksums
from ino_desk.label.document import LabelDocument, SpanKind
from ino_desk.label.pack import LabelPackError, default_pack_folder, load_pack
from ino_desk.label.placeholders import format_fact
from ino_desk.label.sections import load_label_document
from ino_desk.label.text import header_text, section_text

if TYPE_CHECKING:
    from pathlib import Path

PI_SECTIONS = ("1", "2", "2.1", "2.2", "2.3", "2.4", "3", "4", "5", "6", "7", "8", "12", "14")
SECTIONS_TOML = default_pack_folder() / "viewer" / "sections.toml"


@pytest.fixture(scope="module")
def document() -> LabelDocument:
    return load_label_document()


def text_of(document: LabelDocument, key: str) -> str:
    return section_text(document.section(key), width=None)


def copy_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(default_pack_folder(), folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    write_checksums(folder)


# ---------------------------------------------------------------- completeness
def test_every_pi_section_is_present_in_reading_order(document: LabelDocument) -> None:
    keys = document.section_keys()
    assert keys[0] == "BW", "the boxed warning comes first"
    for key in (*PI_SECTIONS, "16", "changes"):
        assert key in keys
    numbered = [k for k in keys if k[0].isdigit()]
    as_numbers = [tuple(int(p) for p in k.split(".")) for k in numbered]
    assert as_numbers == sorted(as_numbers)
    assert document.section("changes").title == "What changed in 3/2024"


def test_sections_2_x_are_children_of_2(document: LabelDocument) -> None:
    for key in ("2.1", "2.2", "2.3", "2.4"):
        assert document.section(key).parent == "2"


def test_warnings_section_opens_with_the_boxed_warning(document: LabelDocument) -> None:
    text = text_of(document, "5")
    first_heading = text.split("\n")[3]
    assert first_heading == "Boxed warning"
    assert text.index("veno-occlusive") < text.index("Myelosuppression")


def test_header_names_revision_set_id_and_pack_date(document: LabelDocument) -> None:
    header = header_text(document.info)
    assert "revision 3/2024" in header
    assert "cc7014b1-c775-411d-b374-8113248b4077" in header
    assert "written 2026-11-25" in header


# ---------------------------------------------------------------- the corrected facts
def test_regimen_names_all_three_table_1_rows_with_their_doses(document: LabelDocument) -> None:
    text = text_of(document, "2.1")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # By hand from CLINICAL-RULES.md 2.1: 0.8 + 0.5 + 0.5 = 1.8; 0.5 * 3 = 1.5.
    assert (
        "Cycle 1, every patient 0.8 mg/m² 0.5 mg/m² 0.5 mg/m² 21 days (may extend to 28 days) "
        "1.8 mg/m²" in lines
    )
    assert (
        "Cycles 2 and later, CR or CRi achieved 0.5 mg/m² 0.5 mg/m² 0.5 mg/m² 28 days 1.5 mg/m²"
        in lines
    )
    assert (
        "Cycles 2 and later, no CR or CRi 0.8 mg/m² 0.5 mg/m² 0.5 mg/m² 28 days 1.8 mg/m²" in lines
    )


def test_regimen_states_cycle_counts_and_windows(document: LabelDocument) -> None:
    text = " ".join(text_of(document, "2.1").split())
    assert "Proceeding to HSCT: 2 cycles. Up to 3 cycles may be considered" in text
    assert "Not proceeding to HSCT: up to 6 cycles in total." in text
    assert "No CR or CRi within 3 cycles: stop treatment." in text
    assert "up to 2 days earlier or later, keeping at least 6 days between any two doses" in text
    assert "without CR or CRi, 0.8/0.5/0.5 mg/m² every 28 days" in text


def test_cycle_1_is_never_described_as_for_responders_only(document: LabelDocument) -> None:
    text = text_of(document, "2.1")
    assert "The first cycle is the same for every patient" in text
    assert not re.search(r"(Cycle 1|first cycle)[^.\n]*achieving", text, re.IGNORECASE)


def test_indication_is_cd22_positive_and_one_year_and_older(document: LabelDocument) -> None:
    text = " ".join(text_of(document, "1").split())
    assert "CD22-positive" in text
    assert "adults and in pediatric patients 1 year and older" in text
    assert "adults only" not in text.lower()


def test_premedication_does_not_claim_a_one_hour_lead_time(document: LabelDocument) -> None:
    text = " ".join(text_of(document, "2.2").split()).lower()
    assert "before every dose" in text
    assert "site policy" in text
    lead_time = r"(about |approximately )?(1|one|60)[ -]?(hour|hr|h|minutes?|min)\b[^.]*before"
    assert not re.search(lead_time, text)
    # The label's only fixed time is the observation after the infusion (60 min = 1 hour).
    assert "for at least 60 minutes after it ends" in text


def test_preparation_states_filters_volumes_and_limits(document: LabelDocument) -> None:
    text = " ".join(text_of(document, "2.4").split())
    assert "Never a nylon or mixed cellulose ester (MCE) filter." in text
    # 4 mL SWFI per 0.9 mg vial -> 0.9 / 4 = 0.225; the label's 0.25 mg/mL comes from the
    # pack, and 3.6 mL * 0.25 mg/mL = 0.9 mg delivered.
    assert "4 mL of Sterile Water for Injection to 0.25 mg/mL" in text
    assert "each vial delivers 3.6 mL (0.9 mg)" in text
    assert "at most 8 hours, of which at most 4 hours between reconstitution and dilution" in text
    assert "Infuse over 60 minutes at 50 mL/h" in text


def test_product_facts_are_shown_as_the_pack_holds_them(document: LabelDocument) -> None:
    """CLINICAL-RULES "3, 4, 16 Product facts" and 2.4, by hand; no verify mark on them."""
    four = " ".join(text_of(document, "4").split())
    assert "Contraindications: None." in four
    assert "verify against the current PI" not in four
    sixteen = " ".join(text_of(document, "16").split())
    assert "NDC 0008-0100-01: a single-dose vial holding 0.9 mg" in sixteen
    assert (
        "Intact vials: refrigerate at 2–8 °C in the original carton to protect from light; "
        "do not freeze."
    ) in sixteen
    assert "verify against the current PI" not in sixteen
    prep = " ".join(text_of(document, "2.4").split())
    assert "Infuse over 60 minutes at 50 mL/h, at room temperature (20–25 °C)." in prep
    assert "refrigerate at 2–8 °C for up to 4 hours" in prep


def test_product_facts_carry_their_citations(document: LabelDocument) -> None:
    cited = {
        s.text: s.citation
        for key in ("4", "16")
        for block in document.section(key).blocks
        for spans in _inlines(block)
        for s in spans
        if s.kind is SpanKind.VALUE
    }
    assert cited["None"] == "PI 4"
    assert cited["0008-0100-01"] == "PI 16"
    assert cited["in the original carton to protect from light; do not freeze"] == "PI 16"
    assert cited["8 °C"] == "PI 2.4, 16"


def test_monitoring_text_states_what_the_checklist_asks(document: LabelDocument) -> None:
    """Section 5 says what the dose-day checklist enforces, and the checklist does it."""
    from ino_desk.domain.cycles.checklist import items_for_dose
    from ino_desk.label.pack import load_pack

    text = " ".join(text_of(document, "5").split())
    assert "Check total bilirubin, AST and ALT before every dose" in text
    assert "The dose-day checklist asks for them before every dose." in text
    assert "Record an ECG and electrolytes at baseline and periodically." in text
    assert (
        "The label gives no interval for the periodic checks, and the app sets none: the "
        "dose-day checklist asks for the baseline ECG and electrolytes before the first dose of "
        "the course, and on Day 1 of every later cycle whether a periodic check was considered."
    ) in text
    rules = load_pack().rules
    for cycle in (1, 2, 5):
        for day in (1, 8, 15):
            keys = {i.key for i in items_for_dose(rules, cycle, day)}
            assert {"liver_tests_reviewed", "cbc_reviewed"} <= keys
            assert ("ecg_electrolytes" in keys) == (cycle == 1 and day == 1)
            assert ("ecg_electrolytes_periodic" in keys) == (cycle > 1 and day == 1)


def test_pediatric_syringe_method_is_not_invented(document: LabelDocument) -> None:
    text = text_of(document, "2.4")
    line = next(line for line in text.splitlines() if "syringe" in line)
    assert "could not read" in line
    assert "[verify against the current PI]" in line


def test_clinical_studies_defer_to_the_pi_for_efficacy(document: LabelDocument) -> None:
    text = " ".join(text_of(document, "14").split())
    assert "no efficacy figures" in text
    assert "%" not in text.split("Figures the pack does hold")[0]


# ---------------------------------------------------------------- numbers and marks
def test_no_digit_is_typed_in_the_section_sources() -> None:
    """Every number comes through a placeholder; only CD22 (a name) has digits in it."""
    data = tomllib.loads(SECTIONS_TOML.read_text(encoding="utf-8"))
    for section in data["section"]:
        for field in ("title", "summary", "body"):
            source = section.get(field, "")
            stripped = re.sub(r"\{[^{}]*\}", "", source).replace("CD22", "")
            digits = re.findall(r".{0,20}\d.{0,20}", stripped)
            assert not digits, f"section {section['key']} {field}: typed number in {digits}"


def test_every_unconfirmed_value_carries_the_verify_mark(document: LabelDocument) -> None:
    seen_unconfirmed = 0
    for section in document.sections:
        for block in section.blocks:
            for spans in _inlines(block):
                if any(s.kind is SpanKind.VALUE and not s.verified for s in spans):
                    seen_unconfirmed += 1
                    assert any(s.kind is SpanKind.VERIFY for s in spans), (section.key, spans)
    # [U] facts shown: 2.3 interruption rows and note, 2.4 concentration and diluted-bag
    # storage, 12 volume of distribution - at least those seven places.
    assert seen_unconfirmed >= 7


def _inlines(block: object) -> list[tuple[object, ...]]:
    from ino_desk.label.document import Bullets, Heading, Note, Paragraph, Table

    match block:
        case Paragraph(spans) | Heading(spans) | Note(spans):
            return [spans]
        case Bullets(items):
            return list(items)
        case Table(header, rows):
            return [cell for row in (header, *rows) for cell in row]
    raise TypeError(block)


def test_unconfirmed_concentration_range_is_marked_in_the_text(document: LabelDocument) -> None:
    text = " ".join(text_of(document, "2.4").split())
    assert (
        "between 0.01 and 0.1 mg/mL. Outside that range the app blocks the bag preparation and "
        "explains why. [verify against the current PI]"
    ) in text
    assert "Volume of distribution: about 12 L. [verify against the current PI]" in " ".join(
        text_of(document, "12").split()
    )


def test_text_numbers_follow_the_pack_constants(tmp_path: Path) -> None:
    """Change a constant in a copy of the pack: the viewer's text follows it."""
    folder = copy_pack(tmp_path)
    edit(
        folder,
        "constants.toml",
        '[constants.bag_total_volume_ml]\nvalue = "50"',
        '[constants.bag_total_volume_ml]\nvalue = "40"',
    )
    text = text_of(load_label_document(load_pack(folder)), "2.4")
    assert "total volume of 40 mL" in text
    assert "50 mL" not in text.split("Administration")[0]


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("1.5"), "x ULN", "1.5 × ULN"),
        (Decimal("10000"), "/mm3", "10,000/mm³"),
        (Decimal("1"), "day", "1 day"),
        (Decimal("7"), "day", "7 days"),
        (Decimal("1"), "10^9/L", "1 × 10⁹/L"),
        (Decimal("21"), "cycle day", "Day 21"),
        (Decimal("0.25"), "mg/mL", "0.25 mg/mL"),
        (Decimal("8"), "°C", "8 °C"),
        (Decimal("14"), "%", "14%"),
    ],
)
def test_fact_formatting(value: Decimal, unit: str, expected: str) -> None:
    assert format_fact(value, unit) == expected


# ---------------------------------------------------------------- adverse reactions
def test_adverse_reactions_are_sorted_and_complete(document: LabelDocument) -> None:
    data = document.adverse_reactions
    assert len(data.reactions) == 15
    percents = [r.percent for r in data.reactions]
    assert percents == sorted(percents, reverse=True)
    assert (data.reactions[0].name, data.reactions[0].percent) == ("Thrombocytopenia", 51)
    assert data.patients.value == 164
    text = text_of(document, "6")
    assert "Thrombocytopenia  51%" in text or "Thrombocytopenia 51%" in " ".join(text.split())


# ---------------------------------------------------------------- a broken pack is refused
@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "viewer/sections.toml",
            "{vial_strength_mg}",
            "{vial_strength_grams}",
            "section 2.4: {vial_strength_grams}: no constant or viewer fact",
        ),
        ("viewer/sections.toml", "{see:2.3}", "{see:9.9}", "{see:9.9}: no section"),
        ("viewer/adverse_reactions.toml", 'percent = "51"', 'percent = "151"', "0 to 100"),
        (
            "viewer/facts.toml",
            'mark = "U"\nverified = false',
            'mark = "U"\nverified = true',
            "a [U] fact cannot be verified = true",
        ),
        ("viewer/sections.toml", 'key = "BW"', 'key = "BX"', "{see:BW}: no section"),
    ],
)
def test_a_broken_viewer_pack_is_refused_naming_the_fault(
    tmp_path: Path, name: str, old: str, new: str, message: str
) -> None:
    folder = copy_pack(tmp_path)
    edit(folder, name, old, new)
    with pytest.raises(LabelPackError, match=re.escape(message)):
        load_label_document(load_pack(folder))


def test_an_unsealed_edit_of_the_viewer_text_is_refused(tmp_path: Path) -> None:
    folder = copy_pack(tmp_path)
    path = folder / "viewer" / "sections.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(LabelPackError, match="checksum mismatch"):
        load_pack(folder)


def test_what_changed_lists_the_corrections_of_the_summary(document: LabelDocument) -> None:
    text = " ".join(text_of(document, "changes").split())
    assert "US PI revision 3/2024 (BLA 761040; DailyMed set id cc7014b1-" in text
    assert "Without CR or CRi: 0.8/0.5/0.5 mg/m² every 28 days." in text
    assert "Adults and children 1 year and older, CD22-positive disease." in text
    assert "6 cycles only without HSCT; with HSCT 2 cycles (up to 3 cycles" in text
    assert "the lead time is site policy" in text
