"""Documents of a STORED cycle and dose: what was saved is what prints, and reprints are marked.

The worked patient of `first_cycle`: 170 cm, 70 kg, Mosteller, cycle 1 from Mon 2026-03-02.
BSA = sqrt(170 × 70 / 3600) = sqrt(3.3056) = 1.818 → 1.82 m².
Day 1: 0.8 mg/m² × 1.82 = 1.456 → 1.46 mg, 1.46 / 0.25 mg/mL = 5.84 mL, 2 vials of 0.9 mg.
Day 8 and Day 15: 0.5 mg/m² × 1.82 = 0.91 mg, 0.91 / 0.25 = 3.64 mL, 2 vials.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text as sql

from ino_desk.domain.bench.dose_rounding import DoseRoundingPolicy
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.findings import RefusedError
from ino_desk.domain.printed.bag_label import BagLabel
from ino_desk.domain.printed.documents import DocumentRefusedError, OrderSheet
from ino_desk.domain.records import PreparationRecord, VialLot
from ino_desk.domain.staff.users import Role
from ino_desk.pdf.render import PdfRenderer
from ino_desk.services.charts.labs import record_lab_result
from ino_desk.services.paperwork.bag_label_documents import prepare_bag_label
from ino_desk.services.paperwork.cycle_documents import issue, prepare_order_sheet
from ino_desk.services.paperwork.document_inputs import premedication_orders
from ino_desk.services.planning.doses import move_dose_date, record_dose_status
from ino_desk.services.settings import load_settings, save_settings
from tests.pdf.worked_patient import pdf_pages
from tests.people import pharmacist, stored_user
from tests.persistence.factories import first_cycle, lab
from tests.stored_rows import stored_preparation_row

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.sqlite.sqlite_engine import Database
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.planning.cycles import SavedCycle

PRINTED = datetime(2026, 3, 2, 10, 15, 30, 123456, tzinfo=UTC)
LATER = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)


def _with_labs(store: SqlStore, rules: ClinicalRules) -> SavedCycle:
    saved = first_cycle(store, rules)
    patient_id = store.read(lambda uow: uow.courses.get(saved.cycle.course_id).patient_id)
    record_lab_result(store, lab(patient_id), pharmacist(store))
    return saved


def _sheet(store: SqlStore, rules: ClinicalRules, cycle_id: int, now: datetime) -> OrderSheet:
    doc = prepare_order_sheet(store, rules, cycle_id, now).document
    assert isinstance(doc, OrderSheet)
    return doc


def test_sheet_prints_the_saved_doses_not_a_new_plan(store: SqlStore, rules: ClinicalRules) -> None:
    saved = _with_labs(store, rules)
    cycle_id = saved.cycle.id or 0
    day1, day8, day15 = saved.doses
    move_dose_date(
        store, rules, day8.id or 0, date(2026, 3, 10), pharmacist(store, "pharm.b"), "clinic closed"
    )
    record_dose_status(
        store,
        rules,
        day15.id or 0,
        DoseStatus.REDUCED,
        pharmacist(store, "pharm.c"),
        reason="neutropenia",
        reduced_dose_mg=Decimal("0.7"),
    )
    sheet = _sheet(store, rules, cycle_id, PRINTED)
    # Day 15 as saved: 0.7 mg, 0.7 / 0.25 = 2.8 mL, 1 vial (0.9 mg), 0.9 - 0.7 = 0.2 mg discarded
    assert [(d.day, d.planned_date, d.dose_mg, d.drug_volume_ml, d.vials) for d in sheet.doses] == [
        (1, date(2026, 3, 2), Decimal("1.46"), Decimal("5.84"), 2),
        (8, date(2026, 3, 10), Decimal("0.91"), Decimal("3.64"), 2),
        (15, date(2026, 3, 16), Decimal("0.70"), Decimal("2.80"), 1),
    ]
    assert sheet.doses[2].discarded_mg == Decimal("0.2")
    assert sheet.total_mg == Decimal("3.07")  # 1.46 + 0.91 + 0.70
    assert sheet.body.bsa_m2 == Decimal("1.82")
    assert sheet.body.measured_on == date(2026, 3, 1)
    # The course authority's words: the reduction is a recorded event (PI 2.3, no re-escalation).
    assert "Day 15 reduced from 0.91 mg to 0.7 mg by pharm.c" in sheet.order.dose_level
    text = " ".join(pdf_pages(PdfRenderer().order_sheet(sheet)))
    for shown in (
        "Tue 2026-03-10",  # the moved Day 8
        "5.84 mL",
        "0.91 mg",
        "0.7 mg",  # ISMP: never 0.70 mg
        "2.8 mL",
        "3.07 mg",
        "1.82 m²",
        "HSCT not planned",
        "DOSE_REDUCED",
        "0.7 mg (reduced from 0.91 mg by pharm.c)",  # not mistaken for site rounding
        "neutropenia",
        "Quillfeather, Ada",
        "MRN-1001",
        "none known",
        "Sun 2026-03-01",  # date of the stored labs and measurement
        "ANC 1.2 ×",  # stored ANC 1.20 shown the ISMP way
    ):
        assert shown in text, shown
    assert "0.70 mg" not in text
    assert "site rounding)" not in text
    assert day1.dose_mg == Decimal("1.46")  # the plan the store saved, for the record


def test_omitted_dose_leaves_the_table_and_the_total(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    record_dose_status(
        store,
        rules,
        saved.doses[2].id or 0,
        DoseStatus.OMITTED,
        pharmacist(store, "pharm.c"),
        reason="VOD suspected",
    )
    sheet = _sheet(store, rules, saved.cycle.id or 0, PRINTED)
    assert [d.day for d in sheet.doses] == [1, 8]
    assert sheet.total_mg == Decimal("2.37")  # 1.46 + 0.91
    assert any(f.code == "DOSE_OMITTED" and "VOD suspected" in f.message for f in sheet.findings)


def test_issue_again_is_a_reprint_with_the_same_id_and_date_written(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = _with_labs(store, rules)
    cycle_id = saved.cycle.id or 0
    first = prepare_order_sheet(store, rules, cycle_id, PRINTED)
    assert not first.reprint
    original = issue(store, first, pharmacist(store, "pharm.a"))
    assert not original.reprint
    assert original.printed_at == datetime(2026, 3, 2, 10, 15, 30, tzinfo=UTC)  # whole seconds

    again = prepare_order_sheet(store, rules, cycle_id, LATER)
    assert again.reprint
    assert again.document.document_id == first.document.document_id
    assert again.document.content_hash == first.document.content_hash
    assert isinstance(again.document, OrderSheet)
    assert again.document.written_at == original.printed_at
    reprinted = issue(store, again, pharmacist(store, "pharm.b"))
    assert reprinted.reprint
    assert reprinted.printed_at == LATER
    text = " ".join(pdf_pages(PdfRenderer().order_sheet(again.document, reprint=True)))
    assert "REPRINT" in text
    assert "REPRINT" not in " ".join(pdf_pages(PdfRenderer().order_sheet(first.document)))


def test_changed_record_makes_a_new_original(store: SqlStore, rules: ClinicalRules) -> None:
    saved = _with_labs(store, rules)
    cycle_id = saved.cycle.id or 0
    first = prepare_order_sheet(store, rules, cycle_id, PRINTED)
    issue(store, first, pharmacist(store))
    move_dose_date(
        store,
        rules,
        saved.doses[1].id or 0,
        date(2026, 3, 10),
        pharmacist(store, "pharm.b"),
        "clinic closed",
    )
    changed = prepare_order_sheet(store, rules, cycle_id, LATER)
    assert not changed.reprint
    assert changed.document.content_hash != first.document.content_hash
    assert not issue(store, changed, pharmacist(store)).reprint


def _prepared(store: SqlStore, dose_id: int) -> PreparationRecord:
    record = PreparationRecord(
        dose_id,
        (VialLot("LOT-A1", date(2027, 1, 31)), VialLot("LOT-A2", date(2027, 1, 31))),
        datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
        datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
        "tech.c",
        "pharm.a",
    )
    return stored_preparation_row(store, record, stored_user(store, "tech.c", Role.TECHNICIAN))


def test_bag_label_uses_the_recorded_preparation(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    day1 = saved.doses[0]
    _prepared(store, day1.id or 0)
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    prepared = prepare_bag_label(store, rules, day1.id or 0, now)
    label = prepared.document
    assert isinstance(label, BagLabel)
    # 08:00 + 4 h = 12:00 dilute by; 08:00 + 8 h = 16:00 complete by
    assert label.dilute_by == datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    assert label.complete_by == datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    assert (label.dose_mg, label.drug_volume_ml, label.diluent_ml) == (
        Decimal("1.46"),
        Decimal("5.84"),
        Decimal("44.16"),  # 50 - 5.84
    )
    assert label.concentration_mg_per_ml == Decimal("0.0292")  # 1.46 / 50
    assert label.dose_id == f"C1D1-{day1.id}"
    assert (label.prepared_by, label.checked_by) == ("tech.c", "pharm.a")
    assert [v.lot for v in label.vial_lots] == ["LOT-A1", "LOT-A2"]
    assert not prepared.reprint
    issue(store, prepared, stored_user(store, "tech.c", Role.TECHNICIAN))
    assert prepare_bag_label(store, rules, day1.id or 0, now).reprint
    with pytest.raises(DocumentRefusedError, match="differs from the recorded preparation"):
        prepare_bag_label(store, rules, day1.id or 0, now, datetime(2026, 3, 2, 8, 5, tzinfo=UTC))


def test_bag_label_refusals(store: SqlStore, rules: ClinicalRules) -> None:
    saved = first_cycle(store, rules)
    day1, day8, _ = saved.doses
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with pytest.raises(DocumentRefusedError, match="no preparation is recorded for Day 1"):
        prepare_bag_label(store, rules, day1.id or 0, now)
    # an explicit reconstitution time 9 h ago breaks the 8 h limit
    with pytest.raises(DocumentRefusedError, match="8 hours"):
        prepare_bag_label(store, rules, day1.id or 0, now, datetime(2026, 3, 2, 0, 0, tzinfo=UTC))
    record_dose_status(
        store, rules, day8.id or 0, DoseStatus.HELD, pharmacist(store, "pharm.c"), reason="ANC low"
    )
    with pytest.raises(RefusedError, match="it is held: release it first"):
        prepare_bag_label(store, rules, day8.id or 0, datetime(2026, 3, 9, 9, 0, tzinfo=UTC))
    ok = prepare_bag_label(store, rules, day1.id or 0, now, datetime(2026, 3, 2, 8, 45, tzinfo=UTC))
    assert isinstance(ok.document, BagLabel)
    assert ok.document.prepared_by is None


def test_premedication_template_lines() -> None:
    orders = premedication_orders(
        "corticosteroid: dexamethasone per protocol\n\nAntihistamine:  cetirizine\nsee sheet B"
    )
    assert [(o.drug_class, o.order) for o in orders] == [
        ("Corticosteroid", "dexamethasone per protocol"),
        ("Antihistamine", "cetirizine"),
        ("Site template", "see sheet B"),
    ]


def test_sheet_prints_the_policy_the_cycle_was_planned_under(
    store: SqlStore, database: Database, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)  # planned under the defaults: rounding off, no cap
    cycle_id = saved.cycle.id or 0
    site = load_settings(store)
    stricter = replace(
        site,
        policy=replace(
            site.policy,
            bsa_cap_m2=Decimal("2"),
            dose_rounding=DoseRoundingPolicy(Decimal("5")),
        ),
    )
    save_settings(store, stricter, stored_user(store, "admin", Role.ADMINISTRATOR), "P&T")
    policy = dict(_sheet(store, rules, cycle_id, PRINTED).body.site_policy)
    assert policy["BSA cap"] == "none"
    assert policy["Dose rounding"].startswith("off")
    # A cycle saved before ino-desk kept its policy says so instead of claiming today's.
    with database.engine.begin() as conn:
        conn.execute(sql("UPDATE cycles SET site_policy = NULL WHERE id = :id"), {"id": cycle_id})
    old = dict(_sheet(store, rules, cycle_id, PRINTED).body.site_policy)
    assert old["BSA cap"] == "2 m²"
    assert old["Note"] == "site policy today: not recorded when this cycle was planned"
