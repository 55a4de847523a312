"""Cumulative dose of a course: mg, mg/m² and cycles given, computed by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.cumulative_dose import cumulative_dose
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.paperwork.cycle_documents import prepare_order_sheet
from ino_desk.services.paperwork.document_lookup import find_patient
from ino_desk.services.ports.change import Change
from tests.persistence.factories import NOW, first_cycle

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.ports.store import UnitOfWork

D = Decimal


def _given(store: SqlStore, dose_id: int, reduced_mg: str | None = None) -> None:
    def action(uow: UnitOfWork) -> None:
        dose = uow.doses.get(dose_id)
        if reduced_mg is not None:
            dose = replace(dose, reduced_from_mg=dose.dose_mg, dose_mg=D(reduced_mg))
        given = replace(dose, status=DoseStatus.GIVEN, decided_by="pharm.a", decided_at=NOW)
        uow.doses.update(given, Change("pharm.a"))

    store.write(action)


def test_only_given_doses_count_and_mg_per_m2_uses_the_cycle_bsa(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    assert cumulative_dose([(saved.cycle, saved.doses)]).text == "no dose given yet"
    day1, day8, _ = saved.doses
    _given(store, day1.id or 0)
    _given(store, day8.id or 0, reduced_mg="0.7")  # a reduced dose counts as given
    # 1.46 mg + 0.7 mg = 2.16 mg; over the cycle's dosing BSA 1.82 m²:
    # 1.46 / 1.82 + 0.7 / 1.82 = 2.16 / 1.82 = 1.18681… -> 1.19 mg/m² shown
    [course] = patient_overview(store, find_patient(store, "MRN-1001").id or 0).courses
    given = course.cumulative
    assert (given.mg, given.doses, given.cycles) == (D("2.16"), 2, 1)
    assert given.text == "2.16 mg (1.19 mg/m²) in 2 doses over 1 cycle given"

    sheet = prepare_order_sheet(store, rules, saved.cycle.id or 0, NOW).document
    assert sheet.order.cumulative == given.text  # printed on the order sheet
