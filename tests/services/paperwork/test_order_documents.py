"""Assembling order sheets and bag labels: what they carry, and when they are refused."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from ino_desk.domain.bench.preparation import DilutedStorage, Dilution
from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import RefusedError
from ino_desk.domain.printed.document_seal import document_content_hash, seal
from ino_desk.domain.printed.document_settings import DocumentSettings
from ino_desk.domain.printed.documents import (
    DocumentRefusedError,
    LabLine,
    OverrideLine,
    PatientHeader,
)
from ino_desk.domain.rules import ClinicalRules
from ino_desk.services.paperwork.bag_label_assembly import BagInputs
from ino_desk.services.paperwork.demo_documents import demo_order_sheet, demo_plan
from ino_desk.services.paperwork.order_documents import OrderInputs
from ino_desk.services.paperwork.unsaved_documents import build_bag_label, build_order_sheet
from tests.pdf.worked_patient import (
    DILUTED,
    PATIENT,
    RECONSTITUTED,
    SETTINGS,
    WRITTEN,
    worked_label,
    worked_plan,
    worked_sheet,
)
from tests.readback import parse_code_payload


def test_order_sheet_carries_the_hand_worked_doses(rules: ClinicalRules) -> None:
    sheet = worked_sheet(rules)
    # see worked_patient.py: 1.88 m²; 1.5, 0.94, 0.94 mg; 3.38 mg; 2 vials each
    assert sheet.body.bsa_m2 == Decimal("1.88")
    assert [(d.day, d.dose_mg, d.vials) for d in sheet.doses] == [
        (1, Decimal("1.5"), 2),
        (8, Decimal("0.94"), 2),
        (15, Decimal("0.94"), 2),
    ]
    assert sheet.total_mg == Decimal("3.38")
    assert sheet.total_mg_per_m2 == Decimal("1.8")
    # The real windows (PI 2.1): ±2 days clipped by 6 days from every other dose.
    assert [(d.window_start, d.window_end) for d in sheet.doses[1:]] == [
        (date(2026, 12, 1), date(2026, 12, 3)),
        (date(2026, 12, 8), date(2026, 12, 11)),
    ]
    assert sheet.administration.total_volume_ml == Decimal(50)
    assert sheet.administration.infusion_minutes == 60
    assert sheet.administration.rate_ml_per_h == Decimal(50)


def test_premedication_lists_the_three_classes_with_the_site_template(
    rules: ClinicalRules,
) -> None:
    sheet = worked_sheet(rules)
    assert [(p.drug_class, p.order) for p in sheet.premedication] == [
        ("Corticosteroid", ""),  # no template: a blank line to fill in
        ("Antipyretic", "TEST antipyretic order text"),
        ("Antihistamine", ""),
    ]
    assert sheet.premed_lead.citation == "site policy, not a label instruction"


def test_unconfirmed_facts_carry_the_verify_mark(rules: ClinicalRules) -> None:
    sheet = worked_sheet(rules)
    marked = [n.text for n in sheet.preparation if "verify against the current PI" in n.citation]
    # [U]: the 0.01-0.1 mg/mL range and the diluted-bag storage times (CLINICAL-RULES 2.4)
    assert any("0.01 to 0.1 mg/mL" in t for t in marked)
    assert any("refrigerated (2–8 °C) for up to 3 hours" in t for t in marked)
    interruption = next(c for c in sheet.criteria if c.parameter == "Interruption for toxicity")
    assert "verify against the current PI" in interruption.citation


def test_cytoreduction_criterion_only_before_the_first_dose(rules: ClinicalRules) -> None:
    first = worked_sheet(rules)
    later = demo_order_sheet(rules, 2, WRITTEN)
    assert any("10,000/mm³" in c.rule for c in first.criteria)
    assert not any("10,000/mm³" in c.rule for c in later.criteria)
    # cycle 2 after CR follows the CR/CRi row: 0.5 + 0.5 + 0.5 = 1.5 mg/m²
    assert later.total_mg_per_m2 == Decimal("1.5")
    assert "CR; selects the row" in later.order.previous_response


def test_seal_derives_id_and_hash_from_the_content(rules: ClinicalRules) -> None:
    sheet = worked_sheet(rules)
    assert sheet.content_hash == document_content_hash(sheet)
    assert sheet.document_id == "OS-" + sheet.content_hash[:12].upper()
    changed = seal(dataclasses.replace(sheet, total_mg=Decimal("3.39")))
    assert changed.content_hash != sheet.content_hash
    fields = parse_code_payload(sheet.code_payload())
    assert (fields["doc"], fields["sha256"]) == (sheet.document_id, sheet.content_hash)


def test_blocking_finding_refuses_the_sheet_until_overridden(rules: ClinicalRules) -> None:
    # cycle 7 without HSCT is beyond the 6 cycles allowed in total (PI 2.1): blocking
    plan = demo_plan(rules, 7, WRITTEN.date())
    inputs = OrderInputs(PATIENT, Decimal(170), Decimal(75), date(2026, 11, 24), WRITTEN)
    with pytest.raises(RefusedError, match="beyond the 6 cycles"):
        build_order_sheet(rules, plan, inputs, SETTINGS)
    override = OverrideLine(
        "CYCLE_LIMIT_TOTAL", "beyond 6 cycles", "the oncologist decided", "T. Pharm", WRITTEN
    )
    sheet = build_order_sheet(
        rules, plan, dataclasses.replace(inputs, overrides=(override,)), SETTINGS
    )
    assert sheet.overrides == (override,)
    assert all(f.code != "CYCLE_LIMIT_TOTAL" for f in sheet.findings)


def test_a_dose_below_the_bag_range_refuses_the_sheet_whatever_is_overridden(
    rules: ClinicalRules,
) -> None:
    # 100 cm, 16 kg: BSA sqrt(1600 / 3600) = 0.667 -> 0.67 m²; Day 8: 0.5 × 0.67 = 0.335 -> 0.34 mg
    # 0.34 mg / 50 mL = 0.0068 mg/mL, below 0.01 mg/mL: no bag exists for it (a stop)
    plan = worked_plan(rules, height=100, weight=16)
    override = OverrideLine("CONCENTRATION_BELOW_RANGE", "x", "y", "T. Pharm", WRITTEN)
    inputs = OrderInputs(
        PATIENT, Decimal(100), Decimal(16), date(2026, 11, 24), WRITTEN, overrides=(override,)
    )
    with pytest.raises(RefusedError, match=r"below 0\.01 mg/mL"):
        build_order_sheet(rules, plan, inputs, SETTINGS)


def test_label_times_are_four_and_eight_hours_after_reconstitution(rules: ClinicalRules) -> None:
    label = worked_label(rules)
    assert label.reconstituted_at == RECONSTITUTED
    assert label.dilute_by == datetime(2026, 12, 2, 13, 30, tzinfo=UTC)
    assert label.complete_by == datetime(2026, 12, 2, 17, 30, tzinfo=UTC)
    assert (label.dose_mg, label.drug_volume_ml, label.diluent_ml) == (
        Decimal("0.94"),
        Decimal("3.76"),
        Decimal("46.24"),
    )
    assert label.concentration_mg_per_ml == Decimal("0.0188")
    assert label.dose_id == "MRN-424242-C1D8"


def _label_at(rules: ClinicalRules, now: datetime, **kw: object) -> None:
    inputs = BagInputs(PATIENT, 8, RECONSTITUTED, now, **kw)  # type: ignore[arg-type]
    build_bag_label(rules, worked_plan(rules), inputs, SETTINGS)


def test_label_refused_after_the_dilution_limit(rules: ClinicalRules) -> None:
    # 4 h 1 min after reconstitution and not yet diluted: past the 4-hour limit
    with pytest.raises(DocumentRefusedError, match="More than 4 hours"):
        _label_at(rules, RECONSTITUTED + timedelta(hours=4, minutes=1))


def test_label_refused_when_the_infusion_cannot_end_in_time(rules: ClinicalRules) -> None:
    # diluted at 3 h 30 min at room temperature (its own 4 h run to 7 h 30 min), but at
    # 7 h 1 min a 60-minute infusion would end at 8 h 1 min
    diluted = RECONSTITUTED + timedelta(hours=3, minutes=30)
    with pytest.raises(DocumentRefusedError, match="more than 8 hours after reconstitution"):
        _label_at(
            rules,
            RECONSTITUTED + timedelta(hours=7, minutes=1),
            diluted_at=diluted,
            diluted_storage=DilutedStorage.ROOM_TEMPERATURE,
        )


def test_label_at_the_last_allowed_minute_is_printed(rules: ClinicalRules) -> None:
    # at 7 h exactly the infusion ends at 8 h: allowed (diluted at 4 h, room temperature:
    # start by min(4 h + 4 h, 8 h − 1 h) = 7 h)
    _label_at(
        rules,
        RECONSTITUTED + timedelta(hours=7),
        diluted_at=RECONSTITUTED + timedelta(hours=4),
        diluted_storage=DilutedStorage.ROOM_TEMPERATURE,
    )


@pytest.mark.parametrize(
    ("storage", "start_by", "text"),
    [
        # 09:38 + 4 h = 13:38, earlier than 09:30 + 8 h − 1 h = 16:30
        (DilutedStorage.ROOM_TEMPERATURE, (13, 38), "room temperature 20–25 °C, use within 4 h"),
        # 09:38 + 3 h = 12:38
        (
            DilutedStorage.REFRIGERATED,
            (12, 38),
            "refrigerated 2–8 °C, use within 3 h; allow ~1 h to warm",
        ),
        # not recorded (a bag saved before it was asked): the shorter limit, 3 h
        (None, (12, 38), "NOT RECORDED: use within 3 h of dilution, the shorter limit"),
    ],
)
def test_label_carries_start_by_and_how_the_bag_is_kept(
    rules: ClinicalRules,
    storage: DilutedStorage | None,
    start_by: tuple[int, int],
    text: str,
) -> None:
    label = worked_label(rules, dilution=Dilution(DILUTED, storage))
    assert label.diluted_at == DILUTED
    assert label.start_by == datetime(2026, 12, 2, *start_by, tzinfo=UTC)
    assert label.latest_start == datetime(2026, 12, 2, 16, 30, tzinfo=UTC)
    assert label.complete_by == datetime(2026, 12, 2, 17, 30, tzinfo=UTC)
    assert label.storage == text
    assert label.storage_citation == "PI 2.4, unconfirmed"  # [U] in the pack


def test_label_refused_past_the_diluted_bags_own_limit(rules: ClinicalRules) -> None:
    # diluted 09:38 at room temperature: start by 13:38; at 13:39 the label is refused
    kept = {"diluted_at": DILUTED, "diluted_storage": DilutedStorage.ROOM_TEMPERATURE}
    _label_at(rules, datetime(2026, 12, 2, 13, 38, tzinfo=UTC), **kept)
    with pytest.raises(
        DocumentRefusedError, match="Diluted bag kept at room temperature: more than 4 hours"
    ):
        _label_at(rules, datetime(2026, 12, 2, 13, 39, tzinfo=UTC), **kept)


def test_a_storage_without_a_dilution_time_is_refused(rules: ClinicalRules) -> None:
    with pytest.raises(DocumentRefusedError, match="needs its dilution time"):
        _label_at(rules, RECONSTITUTED, diluted_storage=DilutedStorage.REFRIGERATED)


def test_label_refused_for_a_future_reconstitution(rules: ClinicalRules) -> None:
    with pytest.raises(DocumentRefusedError, match="later than now"):
        _label_at(rules, RECONSTITUTED - timedelta(minutes=1))


def test_label_refused_for_a_blocked_concentration(rules: ClinicalRules) -> None:
    plan = worked_plan(rules, height=100, weight=16)  # Day 8 0.34 mg: 0.0068 mg/mL (see above)
    inputs = BagInputs(PATIENT, 8, RECONSTITUTED, RECONSTITUTED)
    with pytest.raises(RefusedError, match=r"below 0\.01 mg/mL"):
        build_bag_label(rules, plan, inputs, SETTINGS)


def test_label_refused_for_a_day_without_a_dose(rules: ClinicalRules) -> None:
    inputs = BagInputs(PATIENT, 9, RECONSTITUTED, RECONSTITUTED)
    with pytest.raises(DocumentRefusedError, match="no Day 9 dose"):
        build_bag_label(rules, worked_plan(rules), inputs, SETTINGS)


def test_label_refused_for_a_time_without_zone(rules: ClinicalRules) -> None:
    naive = datetime(2026, 12, 2, 9, 30)
    with pytest.raises(DocumentRefusedError, match="time zone"):
        _label_at(rules, naive)


@pytest.mark.parametrize("mrn", ["", "  ", "A;B", "A=B", "A,B", "MRN\t1"])
def test_identifiers_that_would_corrupt_the_code_are_refused(mrn: str) -> None:
    with pytest.raises(InputError, match="MRN"):
        PatientHeader("X, Y", mrn, date(2000, 1, 1), "female")


def test_allergies_print_none_known_and_age_counts_birthdays() -> None:
    p = PatientHeader("X, Y", "M1", date(2000, 2, 29), "female")
    assert p.allergies_text == "none known"
    assert p.age_years(date(2026, 2, 28)) == 25  # birthday (Feb 29 / Mar 1) not reached
    assert p.age_years(date(2026, 3, 1)) == 26


def test_times_uln_is_rounded_half_up_to_a_tenth() -> None:
    # 0.9 / 1.2 = 0.75 -> 0.8; 30 / 40 = 0.75 -> 0.8; no ULN -> None
    lab = LabLine("Total bilirubin", Decimal("0.9"), "mg/dL", date(2026, 1, 1), Decimal("1.2"))
    assert lab.times_uln == Decimal("0.8")
    assert LabLine("ANC", Decimal(1), "× 10⁹/L", date(2026, 1, 1)).times_uln is None


@pytest.mark.parametrize("minutes", [-1, 241])
def test_premed_lead_time_outside_its_range_is_refused(minutes: int) -> None:
    with pytest.raises(InputError, match="premedication lead time: allowed 0 to 240 minutes"):
        DocumentSettings("Site", premed_lead_minutes=minutes)


def test_label_refused_while_a_cycle_block_is_not_overridden(rules: ClinicalRules) -> None:
    # cycle 7 without HSCT is beyond the 6 cycles allowed in total (PI 2.1)
    plan = demo_plan(rules, 7, RECONSTITUTED.date())
    inputs = BagInputs(PATIENT, 1, RECONSTITUTED, RECONSTITUTED)
    with pytest.raises(RefusedError, match="beyond the 6 cycles"):
        build_bag_label(rules, plan, inputs, SETTINGS)
    allowed = dataclasses.replace(inputs, overridden_codes=frozenset({"CYCLE_LIMIT_TOTAL"}))
    assert build_bag_label(rules, plan, allowed, SETTINGS).cycle == 7


def test_label_refused_for_a_dilution_time_out_of_order(rules: ClinicalRules) -> None:
    with pytest.raises(DocumentRefusedError, match="between reconstitution and now"):
        _label_at(
            rules,
            RECONSTITUTED + timedelta(hours=1),
            diluted_at=RECONSTITUTED - timedelta(minutes=5),
        )
