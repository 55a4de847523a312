"""Use cases around patients, doses, checklist, preparations, documents, settings, queries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.errors import InputError
from ino_desk.domain.findings import RefusedError
from ino_desk.domain.records import DocumentKind, PreparationRecord, VialLot
from ino_desk.domain.site_settings import SiteSettings
from ino_desk.domain.staff.users import PermissionDeniedError, Role, User
from ino_desk.services.charts.labs import lab_results, record_lab_result
from ino_desk.services.charts.patients import register_patient, update_patient
from ino_desk.services.paperwork.documents import record_document
from ino_desk.services.planning.doses import move_dose_date, record_dose_status
from ino_desk.services.preparing.checklist_store import complete_checklist_item
from ino_desk.services.preparing.preparations import preparations_of
from ino_desk.services.queries import doses_due, has_patients, search_patients
from ino_desk.services.settings import load_settings, save_settings
from ino_desk.services.store_errors import ConflictError, NotFoundError
from tests.people import pharmacist, stored_user
from tests.persistence.factories import NOW, first_cycle, lab, patient
from tests.readback import completed_items, get_patient
from tests.stored_rows import stored_preparation_row

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore


def test_duplicate_mrn_is_refused(store: SqlStore) -> None:
    register_patient(store, patient("MRN-7"), pharmacist(store))
    with pytest.raises(ConflictError, match="MRN MRN-7 is already registered"):
        register_patient(store, patient("MRN-7", family="Other"), pharmacist(store))


def test_update_needs_a_reason_and_keeps_the_change(store: SqlStore) -> None:
    p = register_patient(store, patient(), pharmacist(store))
    changed = replace(p, diagnosis="relapsed CD22-positive B-ALL")
    with pytest.raises(InputError, match="reason"):
        update_patient(store, changed, pharmacist(store), "  ")
    update_patient(store, changed, pharmacist(store), "diagnosis completed")
    assert get_patient(store, p.id or 0).diagnosis == "relapsed CD22-positive B-ALL"


def test_allergies_must_be_stated() -> None:
    with pytest.raises(InputError, match="state explicitly: none known"):
        replace(patient(), no_known_allergies=False, allergies="")


def test_held_dose_needs_reason_and_records_who_and_when(
    store: SqlStore, rules: ClinicalRules
) -> None:
    dose = first_cycle(store, rules).doses[1]
    with pytest.raises(InputError, match="a held dose needs a reason"):
        record_dose_status(
            store, rules, dose.id or 0, DoseStatus.HELD, pharmacist(store, "pharm.b")
        )
    held = record_dose_status(
        store,
        rules,
        dose.id or 0,
        DoseStatus.HELD,
        pharmacist(store, "pharm.b"),
        reason="bilirubin above limit",
    )
    assert (held.status, held.reason, held.decided_by, held.decided_at) == (
        DoseStatus.HELD,
        "bilirubin above limit",
        "pharm.b",
        NOW,
    )


def test_reduced_dose_recomputes_vials_and_volumes(store: SqlStore, rules: ClinicalRules) -> None:
    dose = first_cycle(store, rules).doses[0]  # planned 1.46 mg
    with pytest.raises(InputError, match=r"less than the planned 1\.46 mg"):
        record_dose_status(
            store, rules, dose.id or 0, DoseStatus.REDUCED, pharmacist(store), "tox", Decimal("1.5")
        )
    reduced = record_dose_status(
        store,
        rules,
        dose.id or 0,
        DoseStatus.REDUCED,
        pharmacist(store),
        "prescriber: -25 %",
        Decimal("1.1"),
    )
    # 1.1 mg: ceil(1.1 / 0.9) = 2 vials; 1.1 / 0.25 = 4.4 mL; 50 - 4.4 = 45.6 mL of NaCl
    assert (reduced.dose_mg, reduced.vials, reduced.drug_volume_ml, reduced.diluent_ml) == (
        Decimal("1.10"),
        2,
        Decimal("4.40"),
        Decimal("45.60"),
    )


def test_moving_a_dose_keeps_window_and_spacing(store: SqlStore, rules: ClinicalRules) -> None:
    doses = first_cycle(store, rules).doses  # days 1, 8, 15: 2, 9 and 16 March
    moved = move_dose_date(
        store, rules, doses[1].id or 0, date(2026, 3, 10), pharmacist(store), "clinic shut"
    )
    assert moved.planned_date == date(2026, 3, 10)
    # Day 15 to 14 March: inside its 14-18 March window, but only 4 days after 10 March:
    # its real window is 16-18 March (PI 2.1: ≥ 6 days between doses), and no reason overrides.
    for outside in (date(2026, 3, 14), date(2026, 3, 19)):
        with pytest.raises(RefusedError, match="allowed: 2026-03-16 to 2026-03-18") as refused:
            move_dose_date(store, rules, doses[2].id or 0, outside, pharmacist(store), "shut")
        assert [f.code for f in refused.value.findings] == ["DOSE_DATE_OUTSIDE_WINDOW"]
        assert not refused.value.overridable


def test_checklist_tick_is_kept_once(store: SqlStore, rules: ClinicalRules) -> None:
    dose_id = first_cycle(store, rules).doses[0].id or 0
    first = complete_checklist_item(
        store, dose_id, "premedication-given", pharmacist(store, "pharm.d")
    )
    again = complete_checklist_item(
        store, dose_id, "premedication-given", pharmacist(store, "pharm.e")
    )
    assert again == first
    assert [c.completed_by for c in completed_items(store, dose_id)] == ["pharm.d"]


def test_preparation_needs_a_second_person(store: SqlStore, rules: ClinicalRules) -> None:
    dose_id = first_cycle(store, rules).doses[0].id or 0
    lots = (VialLot("LOT-1", date(2027, 1, 31)), VialLot("LOT-2", date(2027, 1, 31)))
    at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    with pytest.raises(InputError, match="another person"):
        PreparationRecord(dose_id, lots, at, None, "tech.c", "Tech.C")
    saved = stored_preparation_row(
        store,
        PreparationRecord(
            dose_id,
            lots,
            at,
            None,
            "tech.c",
            "pharm.a",
        ),
        stored_user(store, "tech.c", Role.TECHNICIAN),
    )
    assert preparations_of(store, dose_id) == [saved]


def test_same_content_again_is_a_reprint_changed_content_is_not(
    store: SqlStore, rules: ClinicalRules
) -> None:
    dose_id = first_cycle(store, rules).doses[0].id or 0
    label, changed, sheet = "a" * 64, "b" * 64, "c" * 64
    first = record_document(
        store, DocumentKind.BAG_LABEL, label, pharmacist(store), dose_id=dose_id
    )
    second = record_document(
        store, DocumentKind.BAG_LABEL, label, pharmacist(store, "pharm.b"), dose_id=dose_id
    )
    other = record_document(
        store, DocumentKind.BAG_LABEL, changed, pharmacist(store), dose_id=dose_id
    )
    # the same hash under another kind is that kind's first issue
    sheet_first = record_document(
        store, DocumentKind.ORDER_SHEET, label, pharmacist(store), dose_id=dose_id
    )
    sheet_again = record_document(
        store, DocumentKind.ORDER_SHEET, sheet, pharmacist(store), dose_id=dose_id
    )
    assert (first.reprint, second.reprint, other.reprint) == (False, True, False)
    assert (sheet_first.reprint, sheet_again.reprint) == (False, False)
    assert second.printed_by == "pharm.b"
    assert second.printed_at == NOW


def test_a_document_hash_must_be_a_sha256(store: SqlStore, rules: ClinicalRules) -> None:
    dose_id = first_cycle(store, rules).doses[0].id or 0
    with pytest.raises(InputError, match="SHA-256"):
        record_document(store, DocumentKind.BAG_LABEL, "abc", pharmacist(store), dose_id=dose_id)


def test_lab_results_round_trip_through_the_use_case(store: SqlStore) -> None:
    p = register_patient(store, patient(), pharmacist(store))
    saved = record_lab_result(store, lab(p.id or 0), pharmacist(store))
    assert lab_results(store, p.id or 0) == [saved]


def test_settings_change_needs_a_reason(store: SqlStore) -> None:
    mine = SiteSettings(site_name="Fictional General", premedication_lead_minutes=30)
    admin = stored_user(store, "admin", Role.ADMINISTRATOR)
    with pytest.raises(InputError, match="reason"):
        save_settings(store, mine, admin, "")
    with pytest.raises(PermissionDeniedError, match="may not change site settings"):
        save_settings(store, mine, pharmacist(store), "a pharmacist tries")
    save_settings(store, mine, admin, "site set-up")
    assert load_settings(store) == mine


def test_premedication_lead_time_default_is_site_policy_sixty_minutes() -> None:
    # CLINICAL-RULES 2.2: default 60 minutes, a site setting and not a label rule.
    assert SiteSettings().premedication_lead_minutes == 60
    with pytest.raises(InputError, match="premedication lead time"):
        SiteSettings(premedication_lead_minutes=-1)


def test_patient_search_by_mrn_and_name_prefix(store: SqlStore) -> None:
    assert not has_patients(store)
    register_patient(store, patient("MRN-100", family="Müller", given="Jörg"), pharmacist(store))
    register_patient(store, patient("MRN-200", family="Mulberry", given="Ann"), pharmacist(store))
    register_patient(store, patient("X-300", family="Smith", given="Mul"), pharmacist(store))
    assert has_patients(store)
    names = [(r.family_name, r.given_name) for r in search_patients(store, "mul")]
    assert names == [("Mulberry", "Ann"), ("Müller", "Jörg")]
    assert [r.mrn for r in search_patients(store, "mrn-1")] == ["MRN-100"]
    assert [r.mrn for r in search_patients(store, "muller, j")] == ["MRN-100"]
    assert search_patients(store, "   ") == []
    with pytest.raises(InputError, match="limit"):
        search_patients(store, "m", limit=0)


def test_doses_due_between_dates(store: SqlStore, rules: ClinicalRules) -> None:
    first_cycle(store, rules)  # doses on 2, 9 and 16 March
    due = doses_due(store, date(2026, 3, 8), date(2026, 3, 16))
    assert [(d.day, d.planned_date, d.patient_name) for d in due] == [
        (8, date(2026, 3, 9), "Quillfeather, Ada"),
        (15, date(2026, 3, 16), "Quillfeather, Ada"),
    ]


def test_only_a_stored_user_with_the_right_may_write(store: SqlStore) -> None:
    nobody = User(999, "ghost", "Nobody Stored", Role.PHARMACIST)
    with pytest.raises(NotFoundError):
        register_patient(store, patient(), nobody)
    reader = stored_user(store, "nurse.r", Role.READ_ONLY)
    with pytest.raises(PermissionDeniedError, match="may not edit patients"):
        register_patient(store, patient(), reader)
    technician = stored_user(store, "tech.t", Role.TECHNICIAN)
    with pytest.raises(PermissionDeniedError, match="may not edit patients"):
        register_patient(store, patient(), technician)
    assert not has_patients(store)
