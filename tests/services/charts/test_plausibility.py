"""Plausible ranges (issue 16): a value outside asks for a confirmation, named with its range;
the ranges are site settings with product defaults (not label rules)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.patients.labs import Measurement
from ino_desk.domain.patients.plausibility import (
    DEFAULT_RANGES,
    ImplausibleError,
    PlausibleRanges,
    Range,
    parse_ranges,
)
from ino_desk.domain.staff.users import Role
from ino_desk.services.charts.labs import lab_results, record_lab_result
from ino_desk.services.charts.measurements import measurements_of, record_measurement
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.settings import load_settings, save_settings
from tests.people import pharmacist, stored_user
from tests.persistence.factories import lab, patient
from tests.services.users_fixtures import rows

if TYPE_CHECKING:
    from ino_desk.persistence.unit_of_work import SqlStore


def _patient_id(store: SqlStore) -> int:
    saved = register_patient(store, patient(), pharmacist(store))
    assert saved.id is not None
    return saved.id


def test_pounds_typed_as_kilograms_ask_for_confirmation(store: SqlStore) -> None:
    pid = _patient_id(store)
    # 170 cm, 165 kg (the 75 kg patient's weight in pounds, as the issue saw it): weight over
    # 150 kg, and Mosteller BSA sqrt(170 × 165 / 3600) = 2.79 m² over 2.6 m².
    typed = Measurement(pid, date(2026, 3, 1), Decimal(170), Decimal(165))
    with pytest.raises(ImplausibleError) as refused:
        record_measurement(store, typed, pharmacist(store))
    assert [f.field for f in refused.value.found] == ["weight", "BSA"]
    assert refused.value.field == "weight"
    assert "weight 165 kg is outside the plausible range 5 to 150 kg (site setting)" in (
        refused.value.message
    )
    assert "pounds typed as kilograms?" in refused.value.message
    assert measurements_of(store, pid) == []
    saved = record_measurement(store, typed, pharmacist(store), confirmed=True)
    [(reason,)] = rows(
        store,
        f"SELECT reason FROM audit_events WHERE entity='measurement' AND entity_id={saved.id}",
    )
    assert str(reason).startswith("Confirmed outside plausible range: weight 165 kg")


def test_platelets_in_cells_per_microlitre_ask_for_confirmation(store: SqlStore) -> None:
    pid = _patient_id(store)
    typed = replace(lab(pid), platelets_10e9_per_l=Decimal(85000))
    with pytest.raises(
        ImplausibleError, match=r"platelets 85,000 ×10⁹/L .* range 0 to 1,000 ×10⁹/L"
    ):
        record_lab_result(store, typed, pharmacist(store))
    assert lab_results(store, pid) == []
    record_lab_result(store, replace(typed, platelets_10e9_per_l=Decimal(85)), pharmacist(store))
    assert len(lab_results(store, pid)) == 1


def test_the_ranges_are_a_site_setting(store: SqlStore) -> None:
    pid = _patient_id(store)
    admin = stored_user(store, "ada", Role.ADMINISTRATOR)
    wider = PlausibleRanges(
        DEFAULT_RANGES
        | {
            "weight": Range(Decimal(8), Decimal(200), "kg"),
            "BSA": Range(Decimal("0.4"), Decimal(3), "m²"),
        }
    )
    settings = load_settings(store)
    save_settings(store, replace(settings, plausible=wider), admin, "bariatric unit")
    assert load_settings(store).plausible.of("weight").high == 200
    typed = Measurement(pid, date(2026, 3, 1), Decimal(170), Decimal(165))
    record_measurement(store, typed, pharmacist(store))
    assert len(measurements_of(store, pid)) == 1


@given(
    st.decimals(min_value=0, max_value=10**6, places=1),
    st.decimals(min_value=1, max_value=10**6, places=1),
)
def test_ranges_read_back_as_written(low: Decimal, span: Decimal) -> None:
    ranges = PlausibleRanges(DEFAULT_RANGES | {"AST": Range(low, low + span, "U/L")})
    assert parse_ranges(ranges.lines()) == ranges
