"""The pediatric syringe method (PI 3/2024 2.4) through the services, on real SQLite files.

The child: 100 cm, 16 kg, Mosteller sqrt(100 × 16 / 3600) = 0.6667 -> 0.67 m². Cycle 1 from
2026-03-02 (PI 2.1 Table 1, doses rounded half up to 0.01 mg):
- Day 1: 0.8 × 0.67 = 0.536 -> 0.54 mg; 0.54 / 50 = 0.0108 mg/mL: the label's bag.
- Days 8, 15: 0.5 × 0.67 = 0.335 -> 0.34 mg; 0.34 / 50 = 0.0068 mg/mL < 0.01: no bag.
The site's method here is ILLUSTRATIVE (typed by the test's administrator, not label numbers):
0.025–0.1 mg/mL, syringes 3 and 10 mL, over 30 min. 3 mL: 0.34 > 0.1 × 3 = 0.3, too strong;
10 mL: 0.25 <= 0.34 <= 1, in range -> 1.36 mL drug (0.34 / 0.25) + 8.64 mL = 10 mL,
0.034 mg/mL, 10 × 60 / 30 = 20 mL/h.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.bench.syringe import SyringeMethod
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import RefusedError, Severity
from ino_desk.domain.printed.bag_label import BagLabel
from ino_desk.domain.staff.users import PermissionDeniedError, Role
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.paperwork.bag_label_documents import prepare_bag_label
from ino_desk.services.paperwork.cycle_documents import prepare_order_sheet
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput
from ino_desk.services.planning.doses import record_dose_status
from ino_desk.services.preparing.bench import bench_dose
from ino_desk.services.settings import load_settings, save_syringe_method
from tests.people import pharmacist, stored_user
from tests.persistence.factories import measurement, patient
from tests.readback import doses_of

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.planning.cycles import SavedCycle

SITE = SyringeMethod(Decimal("0.025"), Decimal("0.1"), (Decimal(3), Decimal(10)), 30)
DAY8 = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)


def _admin(store: SqlStore) -> User:
    return stored_user(store, "admin", Role.ADMINISTRATOR)


def _child_cycle(store: SqlStore, rules: ClinicalRules) -> SavedCycle:
    child = replace(patient("KID-1"), date_of_birth=date(2021, 1, 5))
    p = register_patient(store, child, pharmacist(store))
    m = record_measurement(store, measurement(p.id or 0, "100", "16"), pharmacist(store))
    course = start_course(store, p.id or 0, date(2026, 3, 2), False, pharmacist(store))
    given = CycleInput(course.id or 0, m.id or 0, date(2026, 3, 2))
    return save_next_cycle(store, rules, given, Reduction(), pharmacist(store, "planner"))


def test_no_site_parameters_stop_the_small_dose_and_say_why(
    store: SqlStore, rules: ClinicalRules
) -> None:
    with pytest.raises(RefusedError) as refused:
        _child_cycle(store, rules)
    stops = [f for f in refused.value.findings if f.code == "CONCENTRATION_BELOW_RANGE"]
    assert [f.severity for f in stops] == [Severity.STOP] * 2  # Days 8 and 15
    assert "the syringe method is not configured" in stops[0].message
    assert "0.34 mg in 50 mL is 0.0068 mg/mL" in stops[0].message


def test_only_who_may_change_settings_enters_them(store: SqlStore, rules: ClinicalRules) -> None:
    with pytest.raises(PermissionDeniedError):
        save_syringe_method(store, rules, SITE, pharmacist(store), "a pharmacist tries")
    assert load_settings(store).syringe is None
    too_strong = replace(SITE, max_mg_per_ml=Decimal("0.3"))
    with pytest.raises(InputError) as stronger:
        save_syringe_method(store, rules, too_strong, _admin(store), "typo")
    assert stronger.value.field == "syringe maximum concentration"
    assert "0.25 mg/mL" in stronger.value.message
    saved = save_syringe_method(store, rules, SITE, _admin(store), "from our PI")
    assert saved.syringe == SITE


@pytest.mark.parametrize(
    ("low", "high", "volumes", "minutes", "field"),
    [
        ("0", "0.1", ("10",), 30, "syringe minimum concentration"),
        ("0.1", "0.05", ("10",), 30, "syringe minimum concentration"),
        ("0.0255", "0.1", ("10",), 30, "syringe minimum concentration"),
        ("0.025", "0.1", (), 30, "syringe volumes"),
        ("0.025", "0.1", ("0.5",), 30, "syringe volumes"),
        ("0.025", "0.1", ("10", "10"), 30, "syringe volumes"),
        ("0.025", "0.1", ("10",), 0, "syringe infusion time"),
    ],
)
def test_bad_parameters_name_their_field(
    low: str, high: str, volumes: tuple[str, ...], minutes: int, field: str
) -> None:
    with pytest.raises(InputError) as bad:
        SyringeMethod(Decimal(low), Decimal(high), tuple(Decimal(v) for v in volumes), minutes)
    assert bad.value.field == field


def test_planned_in_a_syringe_and_every_reader_uses_the_stored_method(
    store: SqlStore, rules: ClinicalRules
) -> None:
    save_syringe_method(store, rules, SITE, _admin(store), "from our PI")
    saved = _child_cycle(store, rules)
    day1, day8, _ = saved.doses
    assert day1.syringe is None
    assert (day1.total_volume_ml, day1.drug_volume_ml) == (Decimal(50), Decimal("2.16"))
    assert (day8.dose_mg, day8.drug_volume_ml, day8.diluent_ml, day8.total_volume_ml) == (
        Decimal("0.34"),
        Decimal("1.36"),
        Decimal("8.64"),
        Decimal(10),
    )
    assert day8.syringe is not None
    assert day8.syringe.infusion_minutes == 30
    # The site changes its method after planning: what was decided for the dose stands.
    later = SyringeMethod(Decimal("0.02"), Decimal("0.05"), (Decimal(20),), 60)
    save_syringe_method(store, rules, later, _admin(store), "new PI copy")
    bench = bench_dose(store, rules, day8.id or 0).preparation
    assert (bench.total_volume_ml, bench.diluent_ml, bench.rate_ml_per_h) == (
        Decimal(10),
        Decimal("8.64"),
        Decimal(20),
    )
    assert (bench.concentration_mg_per_ml, bench.infusion_minutes) == (Decimal("0.034"), 30)
    label = prepare_bag_label(store, rules, day8.id or 0, DAY8, DAY8).document
    assert isinstance(label, BagLabel)
    assert (label.total_volume_ml, label.diluent_ml, label.rate_ml_per_h) == (
        Decimal(10),
        Decimal("8.64"),
        Decimal(20),
    )
    assert label.concentration_mg_per_ml == Decimal("0.034")
    assert label.infusion_minutes == 30
    assert any("range 0.025–0.1 mg/mL" in c for c in label.cautions)
    # 30-minute syringe: latest start = reconstitution + 8 h − 30 min
    assert label.latest_start == datetime(2026, 3, 9, 16, 30, tzinfo=UTC)
    sheet = prepare_order_sheet(store, rules, saved.cycle.id or 0, DAY8).document
    rows = sheet.doses  # type: ignore[union-attr]
    assert [bool(r.give) for r in rows] == [False, True, True]
    assert "10 mL in a SYRINGE, over 30 min at 20 mL/h" in rows[1].give
    assert "site-entered, unverified" in rows[1].give
    # Clearing the method later does not turn the stored syringe back into a bag either.
    save_syringe_method(store, rules, None, _admin(store), "PI withdrawn")
    assert bench_dose(store, rules, day8.id or 0).preparation.total_volume_ml == Decimal(10)


def test_a_reduced_syringe_dose_stays_in_its_syringe(store: SqlStore, rules: ClinicalRules) -> None:
    # 0.3 mg in the same 10 mL syringe: 0.3 / 0.25 = 1.2 mL drug + 8.8 mL, 0.03 mg/mL
    save_syringe_method(store, rules, SITE, _admin(store), "from our PI")
    saved = _child_cycle(store, rules)
    day8 = saved.doses[1]
    reduced = record_dose_status(
        store,
        rules,
        day8.id or 0,
        DoseStatus.REDUCED,
        pharmacist(store),
        "grade 2 toxicity",
        Decimal("0.3"),
    )
    assert (reduced.drug_volume_ml, reduced.diluent_ml, reduced.total_volume_ml) == (
        Decimal("1.2"),
        Decimal("8.8"),
        Decimal(10),
    )
    assert reduced.syringe == day8.syringe
    stored = doses_of(store, saved.cycle.id or 0)[1]
    assert stored.syringe == day8.syringe


def test_a_dose_too_dilute_for_every_site_syringe_stops(
    store: SqlStore, rules: ClinicalRules
) -> None:
    # Only a 20 mL syringe at 0.025–0.1 mg/mL: 0.34 < 0.025 × 20 = 0.5 -> 0.017 mg/mL, a stop
    # as below the bag's range; Day 1 (0.54 mg) stays in its bag.
    only_big = replace(SITE, volumes_ml=(Decimal(20),))
    save_syringe_method(store, rules, only_big, _admin(store), "from our PI")
    with pytest.raises(RefusedError) as refused:
        _child_cycle(store, rules)
    found = [(f.code, f.severity) for f in refused.value.findings if "CONCENTRATION" in f.code]
    assert found == [("SYRINGE_CONCENTRATION_BELOW_RANGE", Severity.STOP)] * 2
