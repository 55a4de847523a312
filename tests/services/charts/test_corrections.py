"""Entered in error (issue 16): marked records stay stored and audited, and stop counting."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.bench.bench_marks import BenchEvent
from ino_desk.domain.bench.vial_scan import VialRefusedError
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.staff.users import PermissionDeniedError, Role
from ino_desk.services.charts.corrections import (
    AlreadyCorrectedError,
    mark_bench_time_in_error,
    mark_dose_status_in_error,
    mark_lab_in_error,
    mark_measurement_in_error,
    mark_tick_in_error,
    mark_vial_in_error,
)
from ino_desk.services.charts.labs import lab_results, record_lab_result
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.planning.course_history import findings_on_their_day
from ino_desk.services.planning.doses import confirm_dose_given, record_dose_status
from ino_desk.services.preparing.bench import bench_dose, mark_time
from ino_desk.services.preparing.bench_vials import scan_vial
from ino_desk.services.preparing.checklist_store import complete_checklist_item
from tests.people import pharmacist, stored_user
from tests.persistence.factories import NOW, first_cycle, lab, measurement
from tests.readback import latest_measurement
from tests.services.users_fixtures import rows

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore

GS = "\x1d"
NO_SERIAL = "0100300080100011172812311" + "0ABC123"  # GTIN, expiry 2028-12-31, lot, no serial
WITH_SERIAL = NO_SERIAL + GS + "21"
TODAY = date(2026, 3, 2)


def _events(store: SqlStore, entity: str, entity_id: int) -> list[tuple[str, str, str]]:
    """(before, after, reason) of each audit event of one record, oldest first."""
    found = rows(
        store,
        "SELECT coalesce(before_state, '{}'), after_state, reason FROM audit_events "
        f"WHERE entity = '{entity}' AND entity_id = {entity_id} ORDER BY seq",
    )
    return [(str(b), str(a), str(r)) for b, a, r in found]


def test_a_lab_entered_in_error_stays_listed_and_the_rules_stop_reading_it(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    day1 = saved.doses[0].id
    assert day1 is not None
    patient_id = latest_measurement(store, 1).patient_id  # type: ignore[union-attr]
    record_lab_result(store, lab(patient_id), pharmacist(store))
    # Bilirubin 2.0 > 1.5 × ULN 1.0 and AST 120 > 2.5 × ULN 40: hold the dose (PI 2.3).
    wrong = replace(
        lab(patient_id),
        drawn_on=date(2026, 3, 2),
        total_bilirubin=Decimal("2.0"),
        total_bilirubin_uln=Decimal("1.0"),
        ast_u_per_l=Decimal("120"),
    )
    bad = record_lab_result(store, wrong, pharmacist(store))
    assert bad.id is not None

    def codes() -> set[str]:
        found = store.read(lambda uow: findings_on_their_day(uow, rules, [day1]))
        return {f.code for f in found[day1]}

    assert "HOLD_DOSE_LIVER" in codes()
    marked = mark_lab_in_error(store, bad.id, "typed into the wrong patient", pharmacist(store))
    assert marked.entered_in_error is not None
    assert marked.entered_in_error.by == "pharm.a"
    assert marked.entered_in_error.at == NOW
    assert "HOLD_DOSE_LIVER" not in codes()
    # never deleted: listed with its values and its mark
    listed = {r.id: r for r in lab_results(store, patient_id)}
    assert listed[bad.id].total_bilirubin == Decimal("2.0")
    assert listed[bad.id].entered_in_error is not None
    _created, (before, after, reason) = _events(store, "lab_result", bad.id)
    assert json.loads(before)["error_at"] is None
    assert json.loads(after)["total_bilirubin"] == "2.0"
    assert json.loads(after)["error_reason"] == "typed into the wrong patient"
    assert reason == "Entered in error: typed into the wrong patient"
    with pytest.raises(AlreadyCorrectedError):
        mark_lab_in_error(store, bad.id, "again", pharmacist(store))


def test_only_a_permitted_user_with_a_reason_may_mark(
    store: SqlStore, rules: ClinicalRules
) -> None:
    first_cycle(store, rules)
    m = latest_measurement(store, 1)
    assert m is not None
    assert m.id is not None
    tech = stored_user(store, "tom", Role.TECHNICIAN)
    with pytest.raises(PermissionDeniedError):
        mark_measurement_in_error(store, m.id, "pounds typed as kg", tech)
    with pytest.raises(InputError, match="required"):
        mark_measurement_in_error(store, m.id, "   ", pharmacist(store))
    assert latest_measurement(store, 1) == m


def test_a_measurement_entered_in_error_is_no_longer_the_latest(
    store: SqlStore, rules: ClinicalRules
) -> None:
    first_cycle(store, rules)
    right = latest_measurement(store, 1)
    assert right is not None
    wrong = record_measurement(
        store,
        replace(measurement(1, "170", "165"), measured_on=date(2026, 3, 2)),
        pharmacist(store),
        confirmed=True,  # read back and confirmed, then found to be pounds
        weight_change_confirmed=True,
    )
    assert latest_measurement(store, 1) == wrong
    assert wrong.id is not None
    mark_measurement_in_error(store, wrong.id, "pounds typed as kg", pharmacist(store))
    assert latest_measurement(store, 1) == right


def test_a_tick_entered_in_error_reopens_the_item_and_may_be_ticked_again(
    store: SqlStore, rules: ClinicalRules
) -> None:
    day1 = first_cycle(store, rules).doses[0].id
    assert day1 is not None
    tick = complete_checklist_item(store, day1, "consent", pharmacist(store))
    assert tick.id is not None
    mark_tick_in_error(store, tick.id, "ticked on the wrong dose", pharmacist(store))
    again = complete_checklist_item(store, day1, "consent", pharmacist(store))
    assert again.id != tick.id
    assert again.entered_in_error is None


def test_the_same_code_without_a_serial_is_not_recorded_twice(
    store: SqlStore, rules: ClinicalRules
) -> None:
    day1 = first_cycle(store, rules).doses[0].id
    assert day1 is not None
    scan_vial(store, rules, day1, NO_SERIAL, pharmacist(store), TODAY)
    with pytest.raises(VialRefusedError, match="already recorded for this dose"):
        scan_vial(store, rules, day1, NO_SERIAL, pharmacist(store), TODAY)
    assert len(bench_dose(store, rules, day1).vials) == 1


def test_a_vial_entered_in_error_frees_its_serial(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    day1 = saved.doses[0].id
    assert day1 is not None
    vial = scan_vial(store, rules, day1, WITH_SERIAL + "S-9", pharmacist(store), TODAY)
    assert vial.id is not None
    with pytest.raises(VialRefusedError):
        scan_vial(store, rules, day1, WITH_SERIAL + "S-9", pharmacist(store), TODAY)
    mark_vial_in_error(store, vial.id, "scanned onto the wrong dose", pharmacist(store))
    again = scan_vial(store, rules, day1, WITH_SERIAL + "S-9", pharmacist(store), TODAY)
    vials = bench_dose(store, rules, day1).vials
    assert [(v.id, v.entered_in_error is None) for v in vials] == [
        (vial.id, False),
        (again.id, True),
    ]


def test_a_reconstitution_entered_in_error_no_longer_runs_the_clock(
    store: SqlStore, rules: ClinicalRules
) -> None:
    day1 = first_cycle(store, rules).doses[0].id
    assert day1 is not None
    mark = mark_time(store, rules, day1, BenchEvent.RECONSTITUTED, NOW, pharmacist(store))
    assert bench_dose(store, rules, day1).reconstituted_at == NOW
    assert mark.id is not None
    mark_bench_time_in_error(store, mark.id, "pressed by mistake", pharmacist(store))
    assert bench_dose(store, rules, day1).reconstituted_at is None


def test_a_given_status_entered_in_error_reopens_the_dose_and_a_hold_is_released(
    store: SqlStore, rules: ClinicalRules
) -> None:
    doses = first_cycle(store, rules).doses
    day1, day8 = doses[0].id, doses[1].id
    assert day1 is not None
    assert day8 is not None
    given = confirm_dose_given(store, rules, day1, pharmacist(store), "given at the unit", on=TODAY)
    assert given.status is DoseStatus.GIVEN
    reopened = mark_dose_status_in_error(
        store, rules, day1, "wrong patient's dose", pharmacist(store)
    )
    assert (reopened.status, reopened.error_status) == (DoseStatus.PLANNED, DoseStatus.GIVEN)
    assert reopened.entered_in_error is not None
    before, after, _reason = _events(store, "dose_day", day1)[-1]
    assert (json.loads(before)["status"], json.loads(after)["error_status"]) == ("given", "given")
    record_dose_status(store, rules, day8, DoseStatus.HELD, pharmacist(store), "ANC low")
    with pytest.raises(DomainError, match="released"):
        mark_dose_status_in_error(store, rules, day8, "held by mistake", pharmacist(store))
