"""The monthly billing report on a real store: J9229 units and JW/JZ computed by hand for a
month with waste and a month without."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ino_desk.domain.bench.waste import WasteKind, WasteRecord, parse_month
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.services.paperwork.billing_report import billing_report
from ino_desk.services.ports.change import Change
from tests.persistence.factories import first_cycle

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.ports.store import UnitOfWork

D = Decimal
UTC_ZONE = ZoneInfo("UTC")


def _give(
    store: SqlStore, dose_id: int, at: datetime, residue_mg: str, dose_mg: str | None = None
) -> None:
    def action(u: UnitOfWork) -> None:
        dose = u.doses.get(dose_id)
        if dose_mg is not None:  # a reduced dose of exactly one vial
            dose = replace(dose, dose_mg=D(dose_mg), vials=1)
        given = replace(dose, status=DoseStatus.GIVEN, decided_by="pharm.a", decided_at=at)
        u.doses.update(given, Change("pharm.a"))
        if D(residue_mg) > 0:
            waste = WasteRecord(
                dose_id, WasteKind.RESIDUAL, dose.vials, D(residue_mg), "residue", "pharm.a", at
            )
            u.waste.add(waste, Change("pharm.a"))

    store.write(action)


def test_a_month_with_waste_and_a_month_without(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    day1, day8, day15 = (d.id or 0 for d in saved.doses)
    # 170 cm, 70 kg, Mosteller: sqrt(170 × 70 / 3600) = 1.818 -> 1.82 m²; Day 1 0.8 mg/m² ->
    # 1.456 -> 1.46 mg, Day 8 0.5 mg/m² -> 0.91 mg; each from 2 vials of 0.9 mg (1.8 mg).
    assert [d.dose_mg for d in saved.doses[:2]] == [D("1.46"), D("0.91")]
    _give(store, day1, datetime(2026, 3, 2, 10, tzinfo=UTC), "0.34")  # 1.8 - 1.46
    _give(store, day8, datetime(2026, 3, 9, 10, tzinfo=UTC), "0.89")  # 1.8 - 0.91
    _give(store, day15, datetime(2026, 4, 6, 10, tzinfo=UTC), "0", dose_mg="0.9")

    march = billing_report(store, rules, parse_month("2026-03"), UTC_ZONE)
    lines = [(r.dose.day, r.lines) for r in march.rows]
    # Day 1: 14.6 units rounded up = 15; 3.4 units discarded rounded down = 3 JW (15 + 3 = 18)
    # Day 8: 9.1 -> 10 units; 8.9 -> 8 units JW (10 + 8 = 18)
    assert lines == [
        (1, (("J9229", "", 15, D("1.46")), ("J9229", "JW", 3, D("0.34")))),
        (8, (("J9229", "", 10, D("0.91")), ("J9229", "JW", 8, D("0.89")))),
    ]
    t = march.total
    assert (t.doses, t.vials, t.administered_units, t.discarded_units) == (2, 4, 25, 11)
    assert (t.administered_mg, t.discarded_mg) == (D("2.37"), D("1.23"))
    assert [p.mrn for p in march.patients] == ["MRN-1001"]
    assert march.ndc == "00008-0100-01"
    assert march.ndc_unit == "UN"
    assert "rounded up" in march.rounding.statement

    april = billing_report(store, rules, parse_month("2026-04"), UTC_ZONE)
    # 0.9 mg is exactly one vial: 9 units, nothing discarded, so the line carries JZ
    [row] = april.rows
    assert row.lines == (("J9229", "JZ", 9, D("0.9")),)
    assert (april.total.administered_units, april.total.discarded_units) == (9, 0)
