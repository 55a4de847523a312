"""Bench use cases on a real SQLite store: vials recorded, serials once, waste and its report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from ino_desk.domain.bench.bench_clock import UrgencyThresholds, bench_clock
from ino_desk.domain.bench.vial_scan import VialRefusedError, VialSource
from ino_desk.domain.bench.waste import WasteKind, parse_month
from ino_desk.domain.errors import DomainError
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.preparing.bench import (
    LabelRefusedError,
    bench_dose,
    require_labellable,
    waste_expired_dose,
)
from ino_desk.services.preparing.bench_vials import enter_vial_manually, scan_vial
from ino_desk.services.preparing.waste_report import waste_report
from tests.people import cheap_passwords, pharmacist
from tests.persistence.factories import NOW, first_cycle
from tests.services.preparing.signed_dose import PREPARER, people, saved_bag

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.sqlite.database import Database

GS = "\x1d"
CODE = "0100300080100011172812311" + "0ABC123" + GS + "21"  # + serial
TODAY = date(2026, 3, 2)

WARN = UrgencyThresholds(timedelta(minutes=60), timedelta(minutes=15))


def _doses(store: SqlStore, rules: ClinicalRules) -> tuple[int, int]:
    # 170 cm, 70 kg: Mosteller BSA √(170×70/3600) = 1.818… → 1.82 m².
    # Day 1: 0.8 mg/m² × 1.82 = 1.456 → 1.46 mg; day 8: 0.5 × 1.82 = 0.91 mg.
    saved = first_cycle(store, rules)
    day1, day8 = saved.doses[0].id, saved.doses[1].id
    assert day1 is not None
    assert day8 is not None
    return day1, day8


def test_scanned_vials_are_recorded_and_a_serial_is_used_once(
    store: SqlStore, rules: ClinicalRules
) -> None:
    day1, day8 = _doses(store, rules)
    first = scan_vial(store, rules, day1, CODE + "S-1", pharmacist(store), TODAY)
    assert (first.lot, first.serial, first.source) == ("ABC123", "S-1", VialSource.SCANNED)
    scan_vial(store, rules, day1, CODE + "S-2", pharmacist(store), TODAY)
    # the same vial again, even for another dose, is refused and nothing is stored
    with pytest.raises(VialRefusedError, match="S-1 was already scanned"):
        scan_vial(store, rules, day8, CODE + "S-1", pharmacist(store), date(2026, 3, 9))
    assert [v.serial for v in bench_dose(store, rules, day1).vials] == ["S-1", "S-2"]
    assert bench_dose(store, rules, day8).vials == ()


def test_manual_entry_is_recorded_with_its_reason(store: SqlStore, rules: ClinicalRules) -> None:
    day1, _ = _doses(store, rules)
    enter_vial_manually(
        store, rules, day1, "LOT7", date(2027, 5, 31), "code smudged", pharmacist(store), TODAY
    )
    (vial,) = bench_dose(store, rules, day1).vials
    assert (vial.source, vial.manual_reason, vial.gtin) == (
        VialSource.MANUAL,
        "code smudged",
        None,
    )


def _bags_of_day_1_and_day_8(
    database: Database, store: SqlStore, rules: ClinicalRules
) -> tuple[int, int]:
    """Both doses' bags saved at the bench, each on its own day (the store's clock)."""
    day1, day8 = _doses(store, rules)
    tech = people(store)[PREPARER]
    saved_bag(store, rules, day1, "D1", datetime(2026, 3, 2, 8, 0, tzinfo=UTC), tech)
    a_week_on = SqlStore(
        database, clock=lambda: NOW + timedelta(days=7), passwords=cheap_passwords()
    )
    saved_bag(a_week_on, rules, day8, "D8", datetime(2026, 3, 9, 8, 0, tzinfo=UTC), tech)
    return day1, day8


def test_residual_waste_is_vials_times_strength_minus_dose(
    database: Database, store: SqlStore, rules: ClinicalRules
) -> None:
    day1, day8 = _bags_of_day_1_and_day_8(database, store, rules)
    # Day 1: ⌈1.46 / 0.9⌉ = 2 vials; 2 × 0.9 − 1.46 = 0.34 mg discarded.
    (first,) = bench_dose(store, rules, day1).waste
    assert (first.vials, first.discarded_mg, first.kind) == (2, Decimal("0.34"), WasteKind.RESIDUAL)
    # Day 8: ⌈0.91 / 0.9⌉ = 2 vials; 1.8 − 0.91 = 0.89 mg.
    (eighth,) = bench_dose(store, rules, day8).waste
    assert eighth.discarded_mg == Decimal("0.89")


def test_a_dose_past_its_limit_cannot_be_labelled_and_is_wasted_whole(
    store: SqlStore, rules: ClinicalRules
) -> None:
    day1, _ = _doses(store, rules)
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    fresh = bench_clock(rules, start, None, start + timedelta(hours=1), WARN)
    require_labellable(fresh)
    with pytest.raises(DomainError, match="not waste"):
        waste_expired_dose(store, rules, day1, fresh, pharmacist(store))
    # not diluted within 4 h
    stale = bench_clock(rules, start, None, start + timedelta(hours=4, minutes=30), WARN)
    with pytest.raises(LabelRefusedError, match="More than 4 hours"):
        require_labellable(stale)
    wasted = waste_expired_dose(store, rules, day1, stale, pharmacist(store))
    # 2 vials opened, all discarded: 2 × 0.9 = 1.8 mg.
    assert (wasted.kind, wasted.vials, wasted.discarded_mg) == (
        WasteKind.WHOLE_DOSE,
        2,
        Decimal("1.8"),
    )
    assert "More than 4 hours between reconstitution and dilution" in wasted.reason
    assert [w.kind for w in bench_dose(store, rules, day1).waste] == [WasteKind.WHOLE_DOSE]


def test_monthly_report_totals_the_month_in_the_pharmacys_zone(
    database: Database, store: SqlStore, rules: ClinicalRules
) -> None:
    # Day 1: 0.34 mg, 2 vials, saved 2 March; Day 8: 0.89 mg, 2 vials, saved 9 March.
    day1, day8 = _bags_of_day_1_and_day_8(database, store, rules)
    march = waste_report(store, parse_month("2026-03"), ZoneInfo("America/New_York"))
    assert [r.record.dose_id for r in march.rows] == [day1, day8]
    assert march.rows[0].mrn == "MRN-1001"
    # 0.34 + 0.89 = 1.23 mg from 4 vials over 2 doses
    assert (march.totals.discarded_mg, march.totals.vials, march.totals.doses) == (
        Decimal("1.23"),
        4,
        2,
    )
    assert waste_report(store, parse_month("2026-02"), ZoneInfo("UTC")).rows == ()
