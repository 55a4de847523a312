"""Premedication details, stored reduction levels and course clinical facts, on real files."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.course_rules.history import CourseHistory, CycleHistory
from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import RefusedError, Severity
from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.persistence.server.server import open_server_database
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.labs import record_lab_result
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.planning.course_facts import CourseFacts, course_facts, record_course_facts
from ino_desk.services.planning.cycle_planning import Reduction, preview_next_cycle, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput
from ino_desk.services.planning.dose_day import PremedicationGiven, dose_gates, record_premedication
from ino_desk.services.planning.doses import confirm_dose_given
from ino_desk.services.preparing.checklist_store import complete_checklist_item
from tests.people import pharmacist
from tests.persistence.factories import NOW, first_cycle, lab
from tests.readback import completed_items

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.sqlite.sqlite_engine import Database

INFUSION = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _reopen(database: Database, db_path: Path) -> SqlStore:
    """The same database opened again, as the next start of the app does (file or server)."""
    database.close()
    if database.url is not None:
        address = database.url.render_as_string(hide_password=False)
        return SqlStore(open_server_database(address), clock=lambda: NOW)
    return SqlStore(open_database(db_path), clock=lambda: NOW)


def test_premedication_details_survive_closing_and_reopening(
    store: SqlStore, rules: ClinicalRules, database: Database, db_path: Path
) -> None:
    dose_id = first_cycle(store, rules).doses[0].id or 0
    given = PremedicationGiven(
        "Fictional steroid", "10 mg", "IV", INFUSION - timedelta(minutes=45), INFUSION
    )
    record_premedication(
        store, dose_id, "premed_corticosteroid", "Corticosteroid", given, pharmacist(store)
    )
    again = _reopen(database, db_path)
    try:
        (tick,) = completed_items(again, dose_id)
        assert (tick.premed_drug, tick.premed_dose, tick.premed_route) == (
            "Fictional steroid",
            "10 mg",
            "IV",
        )
        # 10:00 UTC infusion, given 45 minutes before: 09:15 UTC.
        assert tick.premed_given_at == datetime(2026, 3, 2, 9, 15, tzinfo=UTC)
        assert tick.infusion_start == INFUSION
        assert tick.premedication == "Fictional steroid 10 mg IV, given 2026-03-02 09:15 UTC"
        with again.database.engine.connect() as conn:
            assert verify_audit(conn).ok
    finally:
        again.database.close()


def test_an_ordinary_tick_has_no_premedication_text(store: SqlStore, rules: ClinicalRules) -> None:
    dose_id = first_cycle(store, rules).doses[0].id or 0
    tick = complete_checklist_item(store, dose_id, "cbc_reviewed", pharmacist(store))
    assert tick.premed_drug is None
    assert tick.premedication == ""


def test_recorded_vod_blocks_the_next_dose(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    dose_id = saved.doses[1].id or 0
    day8 = date(2026, 3, 9)
    assert not any(f.code == "VOD_STOP" for f in dose_gates(store, rules, dose_id, day8))
    facts = CourseFacts(vod_diagnosed_on=date(2026, 3, 1), vod_diagnosed_by="Dr. Fictional")
    record_course_facts(store, saved.cycle.course_id, facts, pharmacist(store))
    vod = [f for f in dose_gates(store, rules, dose_id, day8) if f.code == "VOD_STOP"]
    assert [f.severity for f in vod] == [Severity.STOP]
    with pytest.raises(RefusedError) as refused:
        confirm_dose_given(store, rules, dose_id, pharmacist(store), "any reason", on=day8)
    assert not refused.value.overridable
    assert course_facts(store, saved.cycle.course_id).vod_diagnosed_by == "Dr. Fictional"


def test_vod_needs_who_diagnosed_it_and_removal_needs_a_reason(
    store: SqlStore, rules: ClinicalRules
) -> None:
    course_id = first_cycle(store, rules).cycle.course_id
    with pytest.raises(InputError, match="VOD diagnosed by"):
        record_course_facts(
            store, course_id, CourseFacts(vod_diagnosed_on=date(2026, 3, 1)), pharmacist(store)
        )
    facts = CourseFacts(vod_diagnosed_on=date(2026, 3, 1), vod_diagnosed_by="Dr. Fictional")
    record_course_facts(store, course_id, facts, pharmacist(store))
    with pytest.raises(InputError, match="reason"):
        record_course_facts(store, course_id, CourseFacts(), pharmacist(store))
    record_course_facts(
        store, course_id, CourseFacts(), pharmacist(store), "entered on the wrong patient"
    )
    assert course_facts(store, course_id).vod_diagnosed_on is None


@pytest.mark.parametrize(
    ("crcl", "dialysis", "warns"),
    [
        (10, False, True),  # 10 < 15 mL/min (PI 8.6): no data, warn
        (15, False, False),  # 15 is inside 15-89: no change, no finding
        (60, True, True),  # dialysis: no data, warn whatever the CrCl
    ],
)
def test_crcl_and_dialysis_reach_the_renal_gate(
    store: SqlStore, rules: ClinicalRules, crcl: int, dialysis: bool, warns: bool
) -> None:
    saved = first_cycle(store, rules)
    facts = CourseFacts(crcl_ml_per_min=crcl, on_dialysis=dialysis)
    record_course_facts(store, saved.cycle.course_id, facts, pharmacist(store))
    renal = [
        f
        for f in dose_gates(store, rules, saved.doses[0].id or 0, date(2026, 3, 2))
        if f.code == "RENAL_NO_DATA"
    ]
    assert [f.severity for f in renal] == ([Severity.WARNING] if warns else [])


def test_crcl_outside_the_typing_range_names_the_field(
    store: SqlStore, rules: ClinicalRules
) -> None:
    course_id = first_cycle(store, rules).cycle.course_id
    with pytest.raises(InputError, match=r"CrCl.*allowed range"):
        record_course_facts(store, course_id, CourseFacts(crcl_ml_per_min=0), pharmacist(store))


def test_low_counts_date_reaches_the_persistence_gate(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    course_id = saved.cycle.course_id
    record_lab_result(store, replace(lab(1), drawn_on=date(2026, 3, 2)), pharmacist(store))
    measurement_id = patient_overview(store, 1).measurements[0].id or 0
    cycle2 = save_next_cycle(
        store,
        rules,
        CycleInput(course_id, measurement_id, date(2026, 3, 23)),
        Reduction(),
        pharmacist(store),
        CycleOutcome(Response.CR, False),
    )
    record_course_facts(
        store, course_id, CourseFacts(low_counts_since=date(2026, 3, 2)), pharmacist(store)
    )
    # Cycle 2 after CR: Days 1, 8, 15 on 2026-03-23, 03-30 and 04-06. Low since 2026-03-02:
    # Day 1 is 21 days later (not more than 28, PI 2.3); Day 15 is 35 days later: stop.
    day1, day15 = cycle2.doses[0], cycle2.doses[2]
    assert day15.planned_date == date(2026, 4, 6)
    on_day1 = dose_gates(store, rules, day1.id or 0, day1.planned_date)
    assert "LOW_COUNTS_PERSISTENT" not in {f.code for f in on_day1}
    on_day15 = dose_gates(store, rules, day15.id or 0, day15.planned_date)
    late = [f for f in on_day15 if f.code == "LOW_COUNTS_PERSISTENT"]
    assert [f.severity for f in late] == [Severity.BLOCKING]
    assert "35 days" in late[0].message
    with pytest.raises(InputError, match="after today"):
        record_course_facts(
            store, course_id, CourseFacts(low_counts_since=date(2026, 4, 1)), pharmacist(store)
        )
    with pytest.raises(InputError, match="before the course start"):
        record_course_facts(
            store, course_id, CourseFacts(low_counts_since=date(2026, 3, 1)), pharmacist(store)
        )


def test_reduction_level_survives_reopening_and_refuses_re_escalation(
    store: SqlStore, rules: ClinicalRules, database: Database, db_path: Path
) -> None:
    saved = first_cycle(store, rules)
    course_id = saved.cycle.course_id
    overview = patient_overview(store, 1)
    measurement_id = overview.measurements[0].id or 0
    # Cycle 2 after CR at reduced total: 0.5 mg/m² × (100 - 25) % = 0.375 mg/m² each day.
    given = CycleInput(course_id, measurement_id, date(2026, 3, 23))
    cycle2 = save_next_cycle(
        store,
        rules,
        given,
        Reduction(ReductionLevel.REDUCED_TOTAL),
        pharmacist(store),
        CycleOutcome(Response.CR, False),
    )
    assert [str(d.mg_per_m2) for d in cycle2.doses] == ["0.375", "0.375", "0.375"]
    again = _reopen(database, db_path)
    try:
        course = patient_overview(again, 1).courses[0]
        assert course.cycles[1].cycle.reduction_level is ReductionLevel.REDUCED_TOTAL
        assert course.cycles[0].cycle.reduction_level is ReductionLevel.FULL
        plan = preview_next_cycle(
            again,
            rules,
            CycleInput(course_id, measurement_id, date(2026, 4, 20)),
            Reduction(ReductionLevel.FULL),
            CycleOutcome(Response.CR, False),
        )
        assert [f.code for f in plan.findings if f.blocks] == ["RE_ESCALATION"]
    finally:
        again.database.close()


def test_stored_level_counts_even_when_the_doses_look_full(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    course = store.read(lambda uow: uow.courses.get(saved.cycle.course_id))
    cycle = CycleHistory(
        replace(saved.cycle, reduction_level=ReductionLevel.TWO_DOSES), saved.doses
    )
    assert CourseHistory(course, (cycle,)).reduction_level() is ReductionLevel.TWO_DOSES
