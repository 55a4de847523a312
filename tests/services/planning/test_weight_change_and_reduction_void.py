"""Issue 16: a weight far from the last one asks again; a reduction entered in error stops
counting for the course's dose level."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.errors import DomainError
from ino_desk.domain.patients.plausibility import ImplausibleError, WeightChanged
from ino_desk.services.charts.corrections import (
    mark_dose_status_in_error,
    mark_measurement_in_error,
)
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.planning.cycle_planning import Reduction, preview_next_cycle
from ino_desk.services.planning.cycles import CycleInput
from ino_desk.services.planning.doses import confirm_dose_given, record_dose_status
from tests.people import pharmacist
from tests.persistence.factories import first_cycle, measurement
from tests.readback import latest_measurement
from tests.services.users_fixtures import rows

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore

CR = CycleOutcome(Response.CR, False)


def _weighed(store: SqlStore, kg: str, **confirm: bool) -> Decimal:
    later = replace(measurement(1, "170", kg), measured_on=date(2026, 3, 9))
    return record_measurement(store, later, pharmacist(store), **confirm).weight_kg


def _last_reason(store: SqlStore) -> str:
    [(reason,)] = rows(
        store,
        "SELECT reason FROM audit_events WHERE entity = 'measurement' ORDER BY seq DESC LIMIT 1",
    )
    return str(reason)


def test_a_weight_over_ten_percent_from_the_last_asks_again_with_both_values(
    store: SqlStore, rules: ClinicalRules
) -> None:
    first_cycle(store, rules)  # 170 cm, 70 kg
    # 10 % of 70 kg is 7 kg: 77 kg and 63 kg are exactly 10 % away, not more — saved.
    assert _weighed(store, "77") == Decimal("77")
    assert _weighed(store, "70") == Decimal("70")  # 77 → 70 is 9.1 % down
    assert _weighed(store, "63") == Decimal("63")
    # 63 → 69.4: 6.4 / 63 = 10.16 % up: asks, both values read back, nothing saved.
    with pytest.raises(ImplausibleError) as asked:
        _weighed(store, "69.4")
    assert asked.value.found == (WeightChanged(Decimal("63"), Decimal("69.4")),)
    assert asked.value.message == (
        "weight 69.4 kg is 10.2 % above the last measurement 63 kg (asks again over 10 %); "
        "confirm to save"
    )
    assert latest_measurement(store, 1).weight_kg == Decimal("63")  # type: ignore[union-attr]
    # A range confirmation does not confirm the change: each is its own read-back.
    with pytest.raises(ImplausibleError):
        _weighed(store, "69.4", confirmed=True)
    assert _weighed(store, "69.4", weight_change_confirmed=True) == Decimal("69.4")
    assert _last_reason(store) == (
        "Confirmed weight change: weight 69.4 kg is 10.2 % above the last measurement 63 kg "
        "(asks again over 10 %)"
    )


def test_the_last_measurement_in_force_is_the_one_compared(
    store: SqlStore, rules: ClinicalRules
) -> None:
    first_cycle(store, rules)  # 70 kg
    # 165 kg: pounds typed as kilograms — outside the range, its BSA sqrt(170 × 165 / 3600)
    # = 2.79 m² over 2.6, and 95 / 70 = 135.7 % above 70 kg: all three read back at once.
    with pytest.raises(ImplausibleError) as asked:
        _weighed(store, "165")
    assert [f.field for f in asked.value.found] == ["weight", "BSA", "weight"]
    assert _weighed(store, "165", confirmed=True, weight_change_confirmed=True) == 165
    assert _last_reason(store).startswith("Confirmed outside plausible range: weight 165 kg")
    assert "; Confirmed weight change: weight 165 kg is 135.7 % above" in _last_reason(store)
    wrong = latest_measurement(store, 1)
    assert wrong is not None
    assert wrong.id is not None
    mark_measurement_in_error(store, wrong.id, "pounds typed as kg", pharmacist(store))
    # Compared with 70 kg again, not with the 165 kg entered in error.
    assert _weighed(store, "74.8") == Decimal("74.8")


def test_a_reduction_entered_in_error_goes_back_to_the_planned_dose_and_level(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    day8 = saved.doses[1].id or 0
    # 170 cm, 70 kg: BSA 1.82 m² (Mosteller); CR cycle 1 Day 8: 0.5 mg/m² × 1.82 = 0.91 mg,
    # 2 vials of 0.9 mg (PI 2.4), 0.91 mg / 0.25 mg/mL = 3.64 mL drawn.
    planned = saved.doses[1]
    assert (planned.dose_mg, planned.vials, planned.drug_volume_ml) == (
        Decimal("0.91"),
        2,
        Decimal("3.64"),
    )
    reduced = record_dose_status(
        store, rules, day8, DoseStatus.REDUCED, pharmacist(store), "grade 3", Decimal("0.6")
    )
    assert (reduced.dose_mg, reduced.vials) == (Decimal("0.6"), 1)
    given = CycleInput(saved.cycle.course_id, 1, date(2026, 3, 23))

    def re_escalation() -> bool:
        plan = preview_next_cycle(store, rules, given, Reduction(ReductionLevel.FULL), CR)
        return "RE_ESCALATION" in {f.code for f in plan.findings}

    assert re_escalation()
    undone = mark_dose_status_in_error(
        store, rules, day8, "reduced the wrong day", pharmacist(store)
    )
    assert (undone.status, undone.error_status) == (DoseStatus.PLANNED, DoseStatus.REDUCED)
    assert (undone.dose_mg, undone.vials, undone.drug_volume_ml) == (
        Decimal("0.91"),
        2,
        Decimal("3.64"),
    )
    assert (undone.reduced_from_mg, undone.reason, undone.decided_by) == (None, "", "")
    assert not re_escalation()  # the history skips the reduction marked in error
    [(before, after, reason)] = rows(
        store,
        "SELECT before_state, after_state, reason FROM audit_events WHERE entity = 'dose_day' "
        f"AND entity_id = {day8} ORDER BY seq DESC LIMIT 1",
    )
    assert json.loads(str(before))["dose_mg"] == "0.60"
    assert json.loads(str(after))["error_status"] == "reduced"
    assert reason == "Entered in error: reduced the wrong day"


def test_a_given_reduced_dose_entered_in_error_is_still_reduced(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    day1 = saved.doses[0].id or 0
    record_dose_status(
        store, rules, day1, DoseStatus.REDUCED, pharmacist(store), "grade 3", Decimal("0.6")
    )
    confirm_dose_given(
        store, rules, day1, pharmacist(store), "given at the unit", on=date(2026, 3, 2)
    )
    reopened = mark_dose_status_in_error(store, rules, day1, "not given", pharmacist(store))
    assert (reopened.status, reopened.dose_mg) == (DoseStatus.REDUCED, Decimal("0.6"))
    with pytest.raises(DomainError, match="only a given, omitted or reduced status"):
        mark_dose_status_in_error(store, rules, saved.doses[1].id or 0, "x", pharmacist(store))
