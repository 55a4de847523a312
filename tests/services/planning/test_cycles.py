"""Planning a cycle stores exactly what plan_cycle computed, with its doses, in one transaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import RefusedError
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.planning.course_facts import CourseFacts, record_course_facts
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, preview_next_cycle, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput, record_cycle_response
from ino_desk.services.store_errors import NotFoundError
from tests.people import pharmacist
from tests.persistence.factories import first_cycle, measurement, patient
from tests.readback import cycles_of, doses_of

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore


def test_cycle_one_saved_with_hand_computed_doses(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    # Mosteller: sqrt(170 cm x 70 kg / 3600) = sqrt(3.30556) = 1.8181 -> 1.82 m²
    assert saved.cycle.bsa_m2 == Decimal("1.82")
    assert saved.cycle.number == 1
    assert saved.cycle.length_days == 21
    # Day 1: 0.8 x 1.82 = 1.456 -> 1.46 mg; Days 8 and 15: 0.5 x 1.82 = 0.91 mg
    doses = doses_of(store, saved.cycle.id or 0)
    assert [(d.day, d.planned_date, d.dose_mg) for d in doses] == [
        (1, date(2026, 3, 2), Decimal("1.46")),
        (8, date(2026, 3, 9), Decimal("0.91")),
        (15, date(2026, 3, 16), Decimal("0.91")),
    ]
    # 1.46 mg: ceil(1.46 / 0.9) = 2 vials; 1.46 / 0.25 = 5.84 mL drug; 50 - 5.84 = 44.16 mL
    day1 = doses[0]
    assert (day1.vials, day1.drug_volume_ml, day1.diluent_ml) == (
        2,
        Decimal("5.84"),
        Decimal("44.16"),
    )
    # Day 8 window: 9 March +/- 2 days
    assert (doses[1].window_start, doses[1].window_end) == (date(2026, 3, 7), date(2026, 3, 11))


def test_course_records_its_first_bsa(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    course = store.read(lambda uow: uow.courses.get(saved.cycle.course_id))
    assert course.first_bsa_m2 == Decimal("1.82")


def test_next_cycle_follows_the_recorded_response(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    cycle_id, course_id = saved.cycle.id or 0, saved.cycle.course_id
    given = CycleInput(course_id, 1, date(2026, 3, 23))
    with pytest.raises(InputError, match="needs the response of cycle 1"):
        save_next_cycle(store, rules, given, Reduction(), pharmacist(store))
    record_cycle_response(store, cycle_id, Response.CR, True, pharmacist(store))
    second = save_next_cycle(store, rules, given, Reduction(), pharmacist(store))
    # CR/CRi row: 0.5 mg/m² on days 1, 8 and 15 of a 28-day cycle: 0.5 x 1.82 = 0.91 mg each
    assert second.cycle.number == 2
    assert second.cycle.length_days == 28
    assert [d.dose_mg for d in second.doses] == [Decimal("0.91")] * 3
    assert [c.number for c in cycles_of(store, course_id)] == [1, 2]


def test_blocked_plan_needs_an_override_reason(store: SqlStore, rules: ClinicalRules) -> None:
    p = register_patient(store, patient(), pharmacist(store))
    assert p.id is not None
    m = record_measurement(store, measurement(p.id), pharmacist(store))
    # HSCT plan not recorded: the limit after cycle 2 (2, 3 or 6 cycles) cannot be judged.
    course = start_course(store, p.id, date(2026, 3, 2), None, pharmacist(store))
    cr = CycleOutcome(Response.CR, False)
    for start in (date(2026, 3, 2), date(2026, 3, 23)):
        given = CycleInput(course.id or 0, m.id or 0, start)
        save_next_cycle(store, rules, given, Reduction(), pharmacist(store), cr)
    given = CycleInput(course.id or 0, m.id or 0, date(2026, 4, 20))
    with pytest.raises(RefusedError) as caught:
        save_next_cycle(store, rules, given, Reduction(), pharmacist(store), cr)
    assert {f.code for f in caught.value.findings} == {"HSCT_PLAN_UNKNOWN"}
    assert caught.value.overridable
    assert len(cycles_of(store, course.id or 0)) == 2  # nothing was saved
    overridden = save_next_cycle(
        store,
        rules,
        CycleInput(given.course_id, given.measurement_id, given.start, override_reason="no HSCT"),
        Reduction(),
        pharmacist(store, "pharm.b"),
        cr,
    )
    assert overridden.cycle.overridden_findings == ("HSCT_PLAN_UNKNOWN",)
    assert overridden.cycle.override_reason == "no HSCT"
    assert overridden.cycle.planned_by == "pharm.b"


def test_a_dose_below_the_bag_range_is_a_stop(store: SqlStore, rules: ClinicalRules) -> None:
    p = register_patient(store, patient(), pharmacist(store))
    assert p.id is not None
    # A small patient: 100 cm, 16 kg -> sqrt(100 x 16 / 3600) = 0.667 -> 0.67 m²;
    # Day 8: 0.5 x 0.67 = 0.335 -> 0.34 mg in 50 mL = 0.0068 mg/mL, below the bag range.
    m = record_measurement(store, measurement(p.id, "100", "16"), pharmacist(store))
    course = start_course(store, p.id, date(2026, 3, 2), False, pharmacist(store))
    given = CycleInput(course.id or 0, m.id or 0, date(2026, 3, 2), override_reason="per PI")
    with pytest.raises(RefusedError) as caught:
        save_next_cycle(store, rules, given, Reduction(), pharmacist(store))
    assert {f.code for f in caught.value.findings} == {"CONCENTRATION_BELOW_RANGE"}
    assert not caught.value.overridable
    assert "syringe method" in caught.value.findings[0].message
    assert cycles_of(store, course.id or 0) == []  # nothing was saved


def test_preview_saves_nothing(store: SqlStore, rules: ClinicalRules) -> None:
    p = register_patient(store, patient(), pharmacist(store))
    m = record_measurement(store, measurement(p.id or 0), pharmacist(store))
    course = start_course(store, p.id or 0, date(2026, 3, 2), False, pharmacist(store))
    plan = preview_next_cycle(
        store, rules, CycleInput(course.id or 0, m.id or 0, date(2026, 3, 2)), Reduction()
    )
    assert plan.total_mg == Decimal("3.28")  # 1.46 + 0.91 + 0.91
    assert cycles_of(store, course.id or 0) == []


def test_measurement_of_another_patient_is_refused(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    other = register_patient(store, patient("MRN-2"), pharmacist(store))
    theirs = record_measurement(store, measurement(other.id or 0), pharmacist(store))
    with pytest.raises(InputError, match="belongs to another patient"):
        save_next_cycle(
            store,
            rules,
            CycleInput(saved.cycle.course_id, theirs.id or 0, date(2026, 4, 1)),
            Reduction(),
            pharmacist(store),
        )


def test_unknown_course_is_not_found(store: SqlStore, rules: ClinicalRules) -> None:
    with pytest.raises(NotFoundError, match="No course with number 9"):
        save_next_cycle(
            store, rules, CycleInput(9, 1, date(2026, 3, 2)), Reduction(), pharmacist(store)
        )


def test_a_recorded_vod_blocks_planning_another_cycle(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    cycle_id, course_id = saved.cycle.id or 0, saved.cycle.course_id
    record_cycle_response(store, cycle_id, Response.CR, True, pharmacist(store))
    facts = CourseFacts(vod_diagnosed_on=date(2026, 3, 2), vod_diagnosed_by="Dr Hepato")
    record_course_facts(store, course_id, facts, pharmacist(store))
    given = CycleInput(course_id, 1, date(2026, 3, 23))
    plan = preview_next_cycle(store, rules, given, Reduction())
    # PI 2.3: VOD/SOS means stop permanently: no further cycle, whatever reason is typed.
    assert [(f.code, f.severity.value) for f in plan.findings if f.blocks] == [("VOD_STOP", "stop")]
    overriding = CycleInput(course_id, 1, date(2026, 3, 23), override_reason="team decided")
    with pytest.raises(RefusedError) as refused:
        save_next_cycle(store, rules, overriding, Reduction(), pharmacist(store))
    assert not refused.value.overridable
    assert [c.number for c in cycles_of(store, course_id)] == [1]
