"""The FHIR export validates against the FHIR R4 models (fhir.resources, R4B package: the
R4 MedicationAdministration and MedicationRequest are unchanged in R4B)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from fhir.resources.R4B.bundle import Bundle

from ino_desk.domain.bench.vial_records import VialUse
from ino_desk.domain.bench.vial_scan import VialSource
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.services.paperwork.fhir_export import fhir_bundle
from ino_desk.services.ports.change import Change
from tests.persistence.factories import first_cycle

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.ports.store import UnitOfWork

GIVEN_AT = datetime(2026, 3, 2, 11, 5, tzinfo=UTC)


def _give_day1(store: SqlStore, dose_id: int) -> None:
    def action(uow: UnitOfWork) -> None:
        dose = uow.doses.get(dose_id)
        given = replace(dose, status=DoseStatus.GIVEN, decided_by="pharm.a", decided_at=GIVEN_AT)
        uow.doses.update(given, Change("pharm.a"))
        for n, lot in enumerate(("LOT-A1", "LOT-B2"), start=1):
            vial = VialUse(
                dose_id, None, lot, date(2027, 6, 30), f"SN{n}", VialSource.MANUAL,
                "label damaged", "pharm.a", GIVEN_AT,
            )  # fmt: skip
            uow.vial_uses.add(vial, Change("pharm.a"))

    store.write(action)


def test_the_bundle_validates_and_carries_dose_route_rate_lots(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    _give_day1(store, saved.doses[0].id or 0)
    bundle = fhir_bundle(store, rules, date(2026, 3, 1), ZoneInfo("UTC"))
    parsed = Bundle.model_validate(json.loads(json.dumps(bundle)))  # as a file would carry it
    resources = [e.resource for e in parsed.entry or []]
    assert [r.__resource_type__ for r in resources] == [
        "MedicationRequest",
        "MedicationAdministration",
    ]
    request, given = resources
    assert request.intent == "order"
    assert [d.text for d in request.dosageInstruction] == [
        "Cycle 1 Day 1: 1.46 mg IV",
        "Cycle 1 Day 8: 0.91 mg IV",
        "Cycle 1 Day 15: 0.91 mg IV",
    ]
    assert given.status == "completed"
    assert float(given.dosage.dose.value) == 1.46
    assert given.dosage.route.coding[0].code == "47625008"  # SNOMED CT intravenous route
    assert float(given.dosage.rateQuantity.value) == 50  # 50 mL over 1 hour (PI 2.4)
    assert given.performer[0].actor.display == "pharm.a"
    assert given.subject.identifier.value == "MRN-1001"
    assert [m.batch.lotNumber for m in given.contained] == ["LOT-A1", "LOT-B2"]
    assert given.request.reference == parsed.entry[0].fullUrl


def test_nothing_given_since_the_date_gives_an_empty_valid_bundle(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    _give_day1(store, saved.doses[0].id or 0)
    bundle = fhir_bundle(store, rules, date(2026, 3, 3), ZoneInfo("UTC"))
    assert "entry" not in bundle
    Bundle.model_validate(bundle)
