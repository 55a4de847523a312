"""Table models checked with Qt's model tester, without any window."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.plan import CycleRequest, plan_cycle
from ino_desk.domain.rules import ClinicalRules
from ino_desk.services.planning.work_queue import QueueRow, WorkState
from ino_desk.services.ports.store import PatientRow
from ino_desk.ui.cycles.dose_lines import DoseColumn, DoseLinesModel, line_from_plan
from ino_desk.ui.patients.patient_table import PatientColumn, PatientTableModel
from ino_desk.ui.work_queue.work_queue import PENDING, QueueColumn, WorkQueueModel

PEOPLE = [
    PatientRow(n, f"MRN{n:05d}", f"Family{n % 7}", f"Given{n}", date(1980, 1, 1 + n % 28))
    for n in range(1, 131)
]


def _search(text: str, limit: int) -> list[PatientRow]:
    return [p for p in PEOPLE if p.mrn.startswith(text) or p.family_name.startswith(text)][:limit]


def test_patient_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = PatientTableModel(_search, page_size=50, max_rows=120)
    qtmodeltester.check(model)
    model.set_query("MRN")
    model.sort(PatientColumn.FAMILY, Qt.SortOrder.AscendingOrder)
    model.set_query("Family3")
    qtmodeltester.check(model)


def test_patient_model_pages_and_sorts() -> None:
    model = PatientTableModel(_search, page_size=50, max_rows=120)
    assert model.rowCount() == 0  # nothing typed, nothing listed
    model.set_query("MRN")
    assert model.rowCount() == 50
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 120  # the store's cap
    assert not model.canFetchMore(QModelIndex())
    assert model.truncated
    model.sort(PatientColumn.MRN, Qt.SortOrder.DescendingOrder)
    assert model.index(0, PatientColumn.MRN).data() == "MRN00120"
    model.set_query("Family3")
    # n % 7 == 3 for n in 1..130: 3, 10, ..., 129 -> (129 - 3) / 7 + 1 = 19 people.
    assert model.rowCount() == 19
    assert not model.canFetchMore(QModelIndex())


def test_dose_lines_model(qtmodeltester: ModelTester, rules: ClinicalRules) -> None:
    # BSA 2.00 m²: Day 1 0.8 × 2 = 1.6 mg, 2 vials (ceil 1.6 / 0.9), 1.6 / 0.25 = 6.4 mL.
    plan = plan_cycle(rules, CycleRequest(bsa_m2=Decimal("2.00"), cycle=1, start=date(2027, 1, 4)))
    model = DoseLinesModel()
    model.set_lines([line_from_plan(d) for d in plan.doses])
    qtmodeltester.check(model)
    assert model.index(0, DoseColumn.DOSE).data() == "1.6 mg"
    assert model.index(0, DoseColumn.VIALS).data() == "2"
    assert model.index(0, DoseColumn.DRUG_VOLUME).data() == "6.4 mL"
    assert model.index(0, DoseColumn.WINDOW).data() == "fixed (cycle start)"
    assert model.headerData(DoseColumn.MG_PER_M2, Qt.Orientation.Horizontal) == "mg/m²"


def test_work_queue_model(qtmodeltester: ModelTester, rules: ClinicalRules) -> None:
    row = QueueRow(
        1,
        2,
        "MRN7",
        "Testperson, Ada",
        1,
        8,
        date(2027, 1, 11),
        Decimal("0.91"),
        DoseStatus.PLANNED,
        WorkState.VERIFIED,
    )
    model = WorkQueueModel(rules)
    model.set_queue([row], datetime(2027, 1, 11, 9, 0, tzinfo=UTC))
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "2027-01-11",
        "Testperson, Ada",
        "MRN7",
        "C1 D8",
        "0.91 mg",
        "Verified",
        "",
        PENDING,
    ]
    model.set_findings({1: ()})
    assert model.index(0, QueueColumn.FINDINGS).data() == "nothing"
    model.set_states([WorkState.ORDERED])
    assert model.rowCount() == 0


@given(
    count=st.integers(0, 260),
    page=st.integers(1, 60),
    cap=st.integers(1, 200),
)
@settings(max_examples=60, deadline=None)
def test_paging_lists_each_match_once_in_store_order_up_to_the_cap(
    qapp: QApplication, count: int, page: int, cap: int
) -> None:
    rows = [
        PatientRow(n, f"M{n:04d}", f"Fam{n}", "G", date(1990, 1, 1)) for n in range(1, count + 1)
    ]
    calls: list[int] = []

    def search(_text: str, limit: int) -> list[PatientRow]:
        calls.append(limit)
        return rows[:limit]

    model = PatientTableModel(search, page_size=page, max_rows=cap)
    model.set_query("M")
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    shown = [model.row_at(r) for r in range(model.rowCount())]
    assert shown == rows[: min(count, cap)]
    assert all(limit <= cap for limit in calls)  # never asks the store for more than the cap
    assert model.truncated == (count >= cap)
