"""Every entity goes into the database and comes back equal, exact to the last digit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.bench.dose_rounding import DoseRoundingPolicy
from ino_desk.domain.cycles.course import Course, Cycle, DoseDay, DoseStatus
from ino_desk.domain.cycles.regimen import ExtensionReason, Response
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.policy import SitePolicy
from ino_desk.domain.printed.documents import LabelStock, PaperSize
from ino_desk.domain.records import (
    ChecklistCompletion,
    DocumentKind,
    DocumentRecord,
    PreparationRecord,
    VialLot,
)
from ino_desk.domain.site_settings import SiteSettings
from ino_desk.services.ports.change import Change
from ino_desk.services.store_errors import NotFoundError
from tests.persistence.factories import WHO, lab, measurement, patient

if TYPE_CHECKING:
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.ports.store import UnitOfWork

CHANGE = Change(WHO)


def _chain(uow: UnitOfWork) -> tuple[int, int, int]:
    """patient, course and cycle ids for rows that need parents."""
    p = uow.patients.add(patient(), CHANGE)
    assert p.id is not None
    c = uow.courses.add(Course(p.id, date(2026, 3, 2), True, BsaFormula.DUBOIS), CHANGE)
    assert c.id is not None
    cy = uow.cycles.add(_cycle(c.id), CHANGE)
    assert cy.id is not None
    return p.id, c.id, cy.id


def _cycle(course_id: int) -> Cycle:
    return Cycle(
        course_id=course_id,
        number=1,
        start=date(2026, 3, 2),
        length_days=28,
        extension_reason=ExtensionReason.TOXICITY_RECOVERY,
        regimen_row="cycle1",
        bsa_formula=BsaFormula.DUBOIS,
        bsa_m2=Decimal("1.80"),
        dosing_bsa_m2=Decimal("1.80"),
        height_cm=Decimal("170.5"),
        weight_kg=Decimal("69.95"),
        planned_by=WHO,
        overridden_findings=("CYCLE_LIMIT_TOTAL", "NO_RESPONSE_BY_CYCLE_3"),
        override_reason="tumour board decision, see note",
        response=Response.CRI,
        mrd_negative=False,
    )


def _dose(cycle_id: int) -> DoseDay:
    return DoseDay(
        cycle_id=cycle_id,
        day=8,
        planned_date=date(2026, 3, 10),
        window_start=date(2026, 3, 7),
        window_end=date(2026, 3, 11),
        mg_per_m2=Decimal("0.5"),
        calculated_mg=Decimal("0.90"),
        dose_mg=Decimal("0.90"),
        vials=1,
        drug_volume_ml=Decimal("3.60"),
        diluent_ml=Decimal("46.40"),
        total_volume_ml=Decimal("50"),
        status=DoseStatus.HELD,
        reason="ANC falling; hold per prescriber",
        decided_by="dr.b",
        decided_at=datetime(2026, 3, 10, 7, 5, 1, 123456, tzinfo=UTC),
    )


def test_patient_round_trip_and_update(store: SqlStore) -> None:
    saved = store.write(lambda uow: uow.patients.add(patient(), CHANGE))
    assert saved.id is not None
    assert store.read(lambda uow: uow.patients.get(saved.id)) == saved
    changed = replace(saved, no_known_allergies=False, allergies="penicillin (rash)")
    store.write(lambda uow: uow.patients.update(changed, Change(WHO, "allergy reported")))
    assert store.read(lambda uow: uow.patients.get(saved.id)) == changed
    assert store.read(lambda uow: uow.patients.by_mrn("MRN-1001")) == changed


def test_measurement_and_lab_round_trip_keep_decimals_exact(store: SqlStore) -> None:
    def action(uow: UnitOfWork) -> None:
        p = uow.patients.add(patient(), CHANGE)
        assert p.id is not None
        m = uow.measurements.add(measurement(p.id, "170.25", "70.10"), CHANGE)
        result = uow.labs.add(lab(p.id), CHANGE)
        assert m.id is not None
        assert result.id is not None
        assert uow.measurements.get(m.id).weight_kg.as_tuple() == Decimal("70.10").as_tuple()
        assert uow.labs.get(result.id) == result
        assert uow.measurements.for_patient(p.id) == [m]

    store.write(action)


def test_course_cycle_and_dose_round_trip(store: SqlStore) -> None:
    def action(uow: UnitOfWork) -> None:
        _, course_id, cycle_id = _chain(uow)
        dose = uow.doses.add(_dose(cycle_id), CHANGE)
        assert dose.id is not None
        assert uow.doses.get(dose.id) == dose
        assert uow.cycles.get(cycle_id) == replace(_cycle(course_id), id=cycle_id)
        assert uow.cycles.for_course(course_id)[0].overridden_findings == (
            "CYCLE_LIMIT_TOTAL",
            "NO_RESPONSE_BY_CYCLE_3",
        )

    store.write(action)


def test_times_come_back_in_utc_whatever_zone_they_were_given_in(store: SqlStore) -> None:
    local = timezone(timedelta(hours=-5))

    def action(uow: UnitOfWork) -> ChecklistCompletion:
        _, _, cycle_id = _chain(uow)
        dose = uow.doses.add(_dose(cycle_id), CHANGE)
        assert dose.id is not None
        when = datetime(2026, 3, 10, 4, 0, tzinfo=local)  # = 09:00 UTC
        return uow.checklist.add(ChecklistCompletion(dose.id, "cbc-reviewed", WHO, when), CHANGE)

    done = store.write(action)
    assert done.id is not None
    back = store.read(lambda uow: uow.checklist.get(done.id))
    assert back.completed_at == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    assert back.completed_at.utcoffset() == timedelta(0)


def test_preparation_and_document_round_trip(store: SqlStore) -> None:
    def action(uow: UnitOfWork) -> None:
        _, _, cycle_id = _chain(uow)
        dose = uow.doses.add(_dose(cycle_id), CHANGE)
        assert dose.id is not None
        prep = uow.preparations.add(
            PreparationRecord(
                dose.id,
                (VialLot("LOT-A1", date(2027, 1, 31)), VialLot("LOT-B2", date(2027, 2, 28))),
                datetime(2026, 3, 10, 8, 0, tzinfo=UTC),
                datetime(2026, 3, 10, 8, 20, tzinfo=UTC),
                "tech.c",
                "pharm.a",
            ),
            CHANGE,
        )
        assert prep.id is not None
        assert uow.preparations.get(prep.id) == prep
        doc = uow.documents.add(
            DocumentRecord(
                DocumentKind.BAG_LABEL, dose.id, None, "ab" * 32, WHO, datetime.now(UTC), False
            ),
            CHANGE,
        )
        assert doc.id is not None
        assert uow.documents.get(doc.id) == doc
        assert len(uow.documents.printed("bag-label", dose.id, None)) == 1
        assert len(uow.documents.printed("order-sheet", dose.id, None)) == 0

    store.write(action)


def test_site_settings_default_then_saved(store: SqlStore) -> None:
    assert store.read(lambda uow: uow.settings.get()) == SiteSettings()
    mine = SiteSettings(
        site_name="Fictional General Hospital",
        policy=SitePolicy(
            bsa_formula=BsaFormula.HAYCOCK,
            dose_rounding=DoseRoundingPolicy(Decimal("5")),
            bsa_cap_m2=Decimal("2.2"),
        ),
        premedication_lead_minutes=45,
        premedication_template="DEMO template: steroid, antipyretic, antihistamine",
        paper_size=PaperSize.A4,
        label_stock=LabelStock.MM_100X70,
    )
    store.write(lambda uow: uow.settings.save(mine, Change(WHO, "site set-up")))
    assert store.read(lambda uow: uow.settings.get()) == mine


def test_a_missing_row_is_not_found_by_name(store: SqlStore) -> None:
    with pytest.raises(NotFoundError, match="No patient with number 42"):
        store.read(lambda uow: uow.patients.get(42))


def test_an_action_that_fails_leaves_nothing_behind(store: SqlStore) -> None:
    def action(uow: UnitOfWork) -> None:
        uow.patients.add(patient(), CHANGE)
        raise RuntimeError("the user's action failed half-way")

    with pytest.raises(RuntimeError):
        store.write(action)
    assert store.read(lambda uow: uow.patients.by_mrn("MRN-1001")) is None
