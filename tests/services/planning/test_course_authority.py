"""Issue 13's defects, each through the services on a real SQLite file (one authority).

The factory's patient: 170 cm, 70 kg → Mosteller √(170×70/3600) = 1.82 m². Cycle 1 starts
2026-03-02: Day 1 03-02 (0.8 × 1.82 = 1.46 mg), Day 8 03-09 and Day 15 03-16 (0.91 mg each),
21 days, so it ends on 03-22 and cycle 2 may start on 03-23 at the earliest (PI 2.1). The
store's clock reads 2026-03-02 09:30 UTC.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.cycles.course import DoseDay, DoseStatus
from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.plan import CycleRequest, plan_cycle
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.findings import RefusedError, Severity
from ino_desk.domain.printed.documents import OrderSheet
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.labs import record_lab_result
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.paperwork.bag_label_documents import prepare_bag_label
from ino_desk.services.paperwork.cycle_documents import prepare_order_sheet
from ino_desk.services.planning.course_facts import CourseFacts, record_course_facts
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, preview_next_cycle, save_next_cycle
from ino_desk.services.planning.cycles import (
    CycleInput,
    cycle_from_plan,
    cycle_request,
    doses_from_plan,
)
from ino_desk.services.planning.dose_day import dose_gates
from ino_desk.services.planning.doses import confirm_dose_given, move_dose_date, record_dose_status
from ino_desk.services.ports.change import Change
from ino_desk.services.preparing.bench_vials import scan_vial
from tests.people import pharmacist
from tests.persistence.factories import first_cycle, lab, measurement, patient
from tests.readback import cycles_of
from tests.services.preparing.signed_dose import CODE

if TYPE_CHECKING:
    from ino_desk.domain.cycles.course import Course
    from ino_desk.domain.patients.labs import Measurement
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.planning.cycles import SavedCycle
    from ino_desk.services.ports.store import UnitOfWork

CR = CycleOutcome(Response.CR, False)
ELSEWHERE = "prepared, checked and given at the referring day unit"


def _plan(
    store: SqlStore,
    rules: ClinicalRules,
    course_id: int,
    start: date,
    level: ReductionLevel = ReductionLevel.FULL,
    override: str = "",
) -> SavedCycle:
    given = CycleInput(course_id, 1, start, override_reason=override)
    return save_next_cycle(store, rules, given, Reduction(level), pharmacist(store), CR)


def _refused(exc: pytest.ExceptionInfo[RefusedError]) -> list[tuple[str, Severity]]:
    return [(f.code, f.severity) for f in exc.value.findings]


def _sheet(store: SqlStore, rules: ClinicalRules, cycle_id: int) -> OrderSheet:
    sheet = prepare_order_sheet(store, rules, cycle_id, datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert isinstance(sheet.document, OrderSheet)
    return sheet.document


# ------------------------------------------------------------------ 1, 2: dates across cycles


@pytest.mark.parametrize(
    "start",
    [
        date(2026, 3, 17),  # one day after cycle 1's Day 15
        date(2026, 3, 2),  # cycle 1's own Day 1
        date(2026, 2, 20),  # before cycle 1
    ],
)
def test_defect_1_a_cycle_cannot_start_before_the_previous_one_ends(
    store: SqlStore, rules: ClinicalRules, start: date
) -> None:
    saved = first_cycle(store, rules)
    course_id = saved.cycle.course_id
    with pytest.raises(RefusedError, match="earliest allowed start is 2026-03-23") as refused:
        _plan(store, rules, course_id, start, override="the team wants to go on")
    assert _refused(refused) == [("CYCLE_START_TOO_EARLY", Severity.STOP)]
    assert not refused.value.overridable
    assert [c.number for c in cycles_of(store, course_id)] == [1]
    assert _plan(store, rules, course_id, date(2026, 3, 23)).cycle.number == 2


def test_defect_2_six_days_hold_across_cycles(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    day15 = saved.doses[2].id or 0
    # Day 15 moved to day 17 (03-18): inside 03-14..03-18 and 9 days after Day 8 (03-09).
    move_dose_date(store, rules, day15, date(2026, 3, 18), pharmacist(store), "clinic closed")
    # Cycle 2 on day 22 (03-23) would be 5 days after it: the earliest start is 03-24.
    with pytest.raises(RefusedError, match="earliest allowed start is 2026-03-24"):
        _plan(store, rules, saved.cycle.course_id, date(2026, 3, 23))
    assert _plan(store, rules, saved.cycle.course_id, date(2026, 3, 24)).cycle.number == 2


# ------------------------------------------------------------------ 3: no re-escalation


def test_defect_3_a_reduced_dose_forbids_a_full_dose_cycle_after_it(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    course_id = saved.cycle.course_id
    day8 = saved.doses[1].id or 0
    reduced = record_dose_status(
        store,
        rules,
        day8,
        DoseStatus.REDUCED,
        pharmacist(store),
        "grade 3 transaminitis",
        Decimal("0.6"),
    )
    assert reduced.reduced_from_mg == Decimal("0.91")
    given = CycleInput(course_id, 1, date(2026, 3, 23))
    plan = preview_next_cycle(store, rules, given, Reduction(ReductionLevel.FULL), CR)
    assert [(f.code, f.severity) for f in plan.findings if f.blocks] == [
        ("RE_ESCALATION", Severity.BLOCKING)
    ]
    with pytest.raises(RefusedError):
        _plan(store, rules, course_id, date(2026, 3, 23))
    at_level = _plan(store, rules, course_id, date(2026, 3, 23), ReductionLevel.REDUCED_TOTAL)
    # CR row 0.5 mg/m² × 0.75 = 0.375 mg/m² × 1.82 m² = 0.6825 → 0.68 mg
    assert [d.dose_mg for d in at_level.doses] == [Decimal("0.68")] * 3


# ------------------------------------------------------------------ 4: VOD stops everything


def test_defect_4_a_recorded_vod_stops_labels_sheets_doses_and_plans(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    day1 = saved.doses[0].id or 0
    facts = CourseFacts(vod_diagnosed_on=date(2026, 3, 2), vod_diagnosed_by="Dr Hepato")
    record_course_facts(store, saved.cycle.course_id, facts, pharmacist(store))
    morning = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    attempts = [
        lambda: prepare_bag_label(store, rules, day1, morning, morning),
        lambda: prepare_order_sheet(store, rules, saved.cycle.id or 0, morning),
        lambda: confirm_dose_given(
            store, rules, day1, pharmacist(store), "any", on=date(2026, 3, 2)
        ),
        lambda: _plan(store, rules, saved.cycle.course_id, date(2026, 3, 23), override="any"),
    ]
    for attempt in attempts:
        with pytest.raises(RefusedError) as refused:
            attempt()
        assert refused.value.findings[0].code == "VOD_STOP"
        assert not refused.value.overridable


# ------------------------------------------------------------------ 5: a bag for its own day


def test_defect_5_no_bag_for_a_given_dose_or_another_day(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    day1, _, day15 = (d.id or 0 for d in saved.doses)
    confirm_dose_given(store, rules, day1, pharmacist(store), ELSEWHERE, on=date(2026, 3, 2))
    on_day8 = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
    with pytest.raises(RefusedError) as given:
        prepare_bag_label(store, rules, day1, on_day8, on_day8)
    assert _refused(given) == [("DOSE_ALREADY_GIVEN", Severity.STOP)]
    with pytest.raises(RefusedError) as bench:
        scan_vial(store, rules, day1, CODE + "S-1", pharmacist(store), date(2026, 3, 9))
    assert _refused(bench) == [("DOSE_ALREADY_GIVEN", Severity.STOP)]
    with pytest.raises(RefusedError) as early:
        prepare_bag_label(store, rules, day15, on_day8, on_day8)  # a week early
    assert ("NOT_THE_DOSE_DAY", Severity.STOP) in _refused(early)


# ------------------------------------------------------------------ 6: confirm given


def test_defect_6_given_only_on_its_day_and_after_its_interlocks(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    day15 = saved.doses[2].id or 0
    with pytest.raises(RefusedError) as early:  # 15 days early, whatever reason is typed
        confirm_dose_given(store, rules, day15, pharmacist(store), ELSEWHERE, on=date(2026, 3, 1))
    assert ("NOT_THE_DOSE_DAY", Severity.STOP) in _refused(early)
    with pytest.raises(RefusedError) as bare:
        confirm_dose_given(store, rules, day15, pharmacist(store), on=date(2026, 3, 16))
    codes = {code for code, _ in _refused(bare)}
    assert {
        "ORDER_NOT_VERIFIED",
        "BAG_NOT_PREPARED",
        "BAG_NOT_DOUBLE_CHECKED",
        "CHECKLIST_OPEN",
    } <= codes
    assert bare.value.overridable
    given = confirm_dose_given(
        store, rules, day15, pharmacist(store), ELSEWHERE, on=date(2026, 3, 16)
    )
    assert given.reason.startswith("Override of ")
    assert "ORDER_NOT_VERIFIED" in given.reason
    assert ELSEWHERE in given.reason


# ------------------------------------------------------------------ 7, 8: the printed order


def test_defect_7_the_sheet_prints_the_dose_level_and_overridden_rows(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    cycle2 = _plan(
        store, rules, saved.cycle.course_id, date(2026, 3, 23), ReductionLevel.REDUCED_TOTAL
    )
    sheet = _sheet(store, rules, cycle2.cycle.id or 0)
    assert "total dose reduced by 25 %" in sheet.order.dose_level
    assert "full dose" not in sheet.order.dose_level

    # A cycle overridden out of the bag range before that became a stop (legacy data, written
    # straight through the repositories): 100 cm, 16 kg → 0.67 m²; Day 8 and 15: 0.5 × 0.67 =
    # 0.335 → 0.34 mg in 50 mL = 0.0068 mg/mL. Its rows say so, not only page 3.
    p = register_patient(store, patient("MRN-2"), pharmacist(store))
    m = record_measurement(store, measurement(p.id or 0, "100", "16"), pharmacist(store))
    course = start_course(store, p.id or 0, date(2026, 3, 2), False, pharmacist(store))
    given = CycleInput(course.id or 0, m.id or 0, date(2026, 3, 2), override_reason="per PI")
    small = _legacy_overridden_cycle(store, rules, given, m)
    rows = _sheet(store, rules, small).doses
    assert ["OVERRIDDEN: CONCENTRATION_BELOW_RANGE" in r.note for r in rows] == [False, True, True]


def _legacy_overridden_cycle(
    store: SqlStore, rules: ClinicalRules, given: CycleInput, m: Measurement
) -> int:
    course = store.read(lambda uow: uow.courses.get(given.course_id))
    plan = plan_cycle(rules, cycle_request_of(store, course, m, given))
    blocking = tuple(f for f in plan.findings if f.blocks)

    def write(uow: UnitOfWork) -> int:
        change = Change("pharm.a", "per PI")
        cycle = uow.cycles.add(cycle_from_plan(plan, given, m, blocking, "pharm.a"), change)
        for dose in doses_from_plan(plan, cycle.id or 0):
            uow.doses.add(dose, change)
        return cycle.id or 0

    return store.write(write)


def cycle_request_of(
    store: SqlStore, course: Course, m: Measurement, given: CycleInput
) -> CycleRequest:
    return store.read(lambda uow: cycle_request(uow, course, m, given))


def test_defect_8_printed_windows_are_the_real_ones(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    rows = _sheet(store, rules, saved.cycle.id or 0).doses
    # Day 8: 03-09 ± 2 = 03-07..03-11, but ≥ 6 days after Day 1 (03-08) and before Day 15
    # (03-10). Day 15: 03-14..03-18, but ≥ 6 days after Day 8 (03-15).
    assert [(r.day, r.window_start, r.window_end) for r in rows] == [
        (1, date(2026, 3, 2), date(2026, 3, 2)),
        (8, date(2026, 3, 8), date(2026, 3, 10)),
        (15, date(2026, 3, 15), date(2026, 3, 18)),
    ]


# ------------------------------------------------------------------ 9, 10: counts and HSCT


def test_defect_9_later_day_1_needs_counts_and_baseline_is_before_treatment(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    course_id = saved.cycle.course_id
    # Baseline (before the first dose, 03-01): ANC 1.20, platelets 85 — both above threshold.
    record_lab_result(store, lab(1), pharmacist(store))
    cycle2 = _plan(store, rules, course_id, date(2026, 3, 23))
    c2d1 = cycle2.doses[0]
    # No count after the previous dose: Day 1 of cycle 2 cannot be decided (PI Table 2).
    first_day = confirm_dose_given(
        store, rules, saved.doses[0].id or 0, pharmacist(store), ELSEWHERE, on=date(2026, 3, 2)
    )
    assert first_day.status.value == "given"
    found = {f.code: f.severity for f in dose_gates(store, rules, c2d1.id or 0, c2d1.planned_date)}
    assert found["CBC_OUTDATED"] is Severity.BLOCKING
    # Counts low at the start of cycle 2 (ANC 0.5, platelets 40) must not become the baseline.
    low = replace(
        lab(1), drawn_on=date(2026, 3, 22), anc_10e9_per_l=Decimal("0.5"),
        platelets_10e9_per_l=Decimal("40"),
    )  # fmt: skip
    record_lab_result(store, low, pharmacist(store))
    cycle3 = _plan(store, rules, course_id, date(2026, 4, 20))
    recovering = replace(
        lab(1), drawn_on=date(2026, 4, 19), anc_10e9_per_l=Decimal("0.8"),
        platelets_10e9_per_l=Decimal("60"),
    )  # fmt: skip
    record_lab_result(store, recovering, pharmacist(store))
    c3d1 = cycle3.doses[0]
    found = {f.code: f.severity for f in dose_gates(store, rules, c3d1.id or 0, c3d1.planned_date)}
    # Baseline before treatment was normal: ANC 0.8 < 1 holds the cycle (PI Table 2); with the
    # start of cycle 2 as "baseline" (0.5/40) the counts would have looked recovered.
    assert found["HOLD_CYCLE_COUNTS"] is Severity.BLOCKING


def test_defect_10_an_unknown_hsct_plan_blocks_a_third_cycle(
    store: SqlStore, rules: ClinicalRules
) -> None:
    p = register_patient(store, patient(), pharmacist(store))
    m = record_measurement(store, measurement(p.id or 0), pharmacist(store))
    course = start_course(store, p.id or 0, date(2026, 3, 2), None, pharmacist(store))
    for start in (date(2026, 3, 2), date(2026, 3, 23)):
        given = CycleInput(course.id or 0, m.id or 0, start)
        save_next_cycle(store, rules, given, Reduction(), pharmacist(store), CR)
    third = CycleInput(course.id or 0, m.id or 0, date(2026, 4, 20))
    plan = preview_next_cycle(store, rules, third, Reduction(), CR)
    assert {(f.code, f.severity) for f in plan.findings if f.blocks} == {
        ("HSCT_PLAN_UNKNOWN", Severity.BLOCKING)
    }
    assert [c.number for c in cycles_of(store, course.id or 0)] == [1, 2]  # a preview saves nothing


# ------------------------------------------------------------------ 11: interruptions


def _hold(store: SqlStore, rules: ClinicalRules, dose_id: int) -> None:
    record_dose_status(store, rules, dose_id, DoseStatus.HELD, pharmacist(store), "ALT 6 × ULN")


def _release(store: SqlStore, rules: ClinicalRules, dose_id: int, on: date) -> None:
    """Released on `on`, recorded that day (a release is never dated in the future)."""
    that_day = SqlStore(store.database, clock=lambda: datetime.combine(on, time(12), UTC))
    who = pharmacist(store)
    record_dose_status(that_day, rules, dose_id, DoseStatus.PLANNED, who, released_on=on)


def _codes(findings: object) -> dict[str, Severity]:
    return {f.code: f.severity for f in findings}  # type: ignore[attr-defined]


def test_defect_11_a_hold_of_7_days_omits_the_next_dose_of_the_cycle(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    day8, day15 = saved.doses[1], saved.doses[2]
    _hold(store, rules, day8.id or 0)
    _release(store, rules, day8.id or 0, date(2026, 3, 16))  # 03-09 to 03-16: 7 days
    stored = doses_of_cycle(store, saved)[1]
    assert (stored.held_on, stored.released_on) == (date(2026, 3, 9), date(2026, 3, 16))
    gates = _codes(dose_gates(store, rules, day15.id or 0, day15.planned_date))
    assert gates["INTERRUPTION_OMIT"] is Severity.WARNING  # PI 2.3: ≥ 7 days, omit the next


def test_defect_11_a_short_hold_delays_the_dose(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    day8 = saved.doses[1]
    _hold(store, rules, day8.id or 0)
    _release(store, rules, day8.id or 0, date(2026, 3, 10))  # 1 day: delay within the cycle
    gates = _codes(dose_gates(store, rules, day8.id or 0, day8.planned_date))
    assert gates["INTERRUPTION_DELAY"] is Severity.INFO
    assert "INTERRUPTION_OMIT" not in gates


def test_defect_11_two_weeks_reduce_the_next_cycle_and_four_weeks_consider_stopping(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    course_id, day15 = saved.cycle.course_id, saved.doses[2].id or 0
    _hold(store, rules, day15)
    # Held since 03-16 and still held on 04-20: 35 days > 28: consider stopping (blocking).
    late = CycleInput(course_id, 1, date(2026, 4, 20))
    plan = preview_next_cycle(store, rules, late, Reduction(ReductionLevel.REDUCED_TOTAL), CR)
    assert _codes(plan.findings)["INTERRUPTION_CONSIDER_STOP"] is Severity.BLOCKING
    _release(store, rules, day15, date(2026, 3, 31))  # 15 days: reduce the next cycle by 25 %
    after = CycleInput(course_id, 1, date(2026, 4, 1))
    full = preview_next_cycle(store, rules, after, Reduction(), CR)
    assert _codes(full.findings)["INTERRUPTION_REDUCE"] is Severity.WARNING
    reduced = preview_next_cycle(store, rules, after, Reduction(ReductionLevel.REDUCED_TOTAL), CR)
    assert "INTERRUPTION_REDUCE" not in _codes(reduced.findings)


def doses_of_cycle(store: SqlStore, saved: SavedCycle) -> list[DoseDay]:
    return store.read(lambda uow: uow.doses.for_cycle(saved.cycle.id or 0))
