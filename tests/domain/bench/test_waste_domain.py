"""Waste arithmetic and the month parser of the waste report."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.bench.preparation import prepare
from ino_desk.domain.bench.waste import WasteKind, WasteRecord, parse_month, totals, whole_dose_mg
from ino_desk.domain.errors import InputError

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

D = Decimal
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("dose", "vials", "residue"),
    [
        ("1.46", 2, "0.34"),  # ⌈1.46/0.9⌉ = 2; 1.8 − 1.46
        ("0.9", 1, "0"),  # exactly one vial: nothing left
        ("0.91", 2, "0.89"),  # just over one vial: almost a whole vial wasted
        ("2.7", 3, "0"),  # 3 × 0.9
    ],
)
def test_residue_is_vials_times_strength_minus_dose(
    rules: ClinicalRules, dose: str, vials: int, residue: str
) -> None:
    prep = prepare(rules, D(dose))
    assert prep.vials == vials
    assert prep.discarded_mg == D(residue)


def test_a_wasted_whole_dose_counts_every_opened_vial(rules: ClinicalRules) -> None:
    assert whole_dose_mg(rules, 2) == D("1.8")  # 2 × 0.9 mg


def test_totals_count_doses_once() -> None:
    records = [
        WasteRecord(1, WasteKind.WHOLE_DOSE, 2, D("1.8"), "late", "a", AT),
        WasteRecord(1, WasteKind.RESIDUAL, 2, D("0.34"), "residue", "a", AT),
        WasteRecord(2, WasteKind.RESIDUAL, 2, D("0.89"), "residue", "a", AT),
    ]
    t = totals(records)
    assert (t.doses, t.vials, t.discarded_mg) == (2, 6, D("3.03"))  # 1.8 + 0.34 + 0.89


def test_a_waste_record_needs_a_reason() -> None:
    with pytest.raises(InputError, match="waste reason: is required"):
        WasteRecord(1, WasteKind.RESIDUAL, 2, D("0.34"), " ", "a", AT)


@given(st.integers(2000, 2999), st.integers(1, 12))
def test_every_month_parses_to_its_first_day_and_the_next_months(year: int, month: int) -> None:
    m = parse_month(f"{year:04d}-{month:02d}")
    assert m.first == date(year, month, 1)
    assert 28 <= (m.after - m.first).days <= 31
    assert m.after.day == 1
    assert m.label == f"{year:04d}-{month:02d}"


@pytest.mark.parametrize(
    "text", ["2026-00", "2026-13", "1999-12", "9999-12", "2026/03", "03-2026", "x", ""]
)
def test_bad_months_name_the_field(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_month(text, "--month")
    assert caught.value.field == "--month"
