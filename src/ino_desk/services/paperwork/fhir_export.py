"""The EHR export: a FHIR R4 Bundle of the MedicationAdministration of every dose given
since a date, and the MedicationRequest of each cycle order those doses belong to.

Plain JSON-ready dicts: the running app needs no FHIR library (the tests validate the bundle
against the R4 models). Identifiers are stable (UUIDv5 of the record), so exporting twice
gives the same resources.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from ino_desk.domain.bench.stored_preparation import stored_preparation
from ino_desk.domain.bench.vial_records import VialUse
from ino_desk.domain.cycles.course import Cycle, DoseDay, DoseStatus
from ino_desk.domain.quantities import format_number
from ino_desk.services.ports.billing import BilledDose

if TYPE_CHECKING:
    from datetime import date, tzinfo
    from decimal import Decimal

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.ports.store import Store, UnitOfWork

Json = dict[str, Any]
_NAMESPACE = uuid.UUID("7d0a5f1e-3c1b-4f55-9d55-6f1e2b9c1a19")  # ino-desk's own namespace
NDC_SYSTEM = "http://hl7.org/fhir/sid/ndc"
UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"
MRN_SYSTEM = "urn:ino-desk:mrn"
DRUG = "inotuzumab ozogamicin (BESPONSA)"
_FAR = datetime(9999, 1, 1, tzinfo=UTC)


def _uuid(kind: str, record_id: int) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}/{record_id}')}"


def _mg(value: Decimal) -> Json:
    return {"value": float(format_number(value, group_thousands=False)), "unit": "mg",
            "system": UCUM, "code": "mg"}  # fmt: skip


def _medication(rules: ClinicalRules) -> Json:
    ndc = rules.product_ndc.value
    return {"coding": [{"system": NDC_SYSTEM, "code": ndc, "display": DRUG}], "text": DRUG}


def _subject(row: BilledDose) -> Json:
    return {"identifier": {"system": MRN_SYSTEM, "value": row.mrn}, "display": row.patient_name}


_ROUTE = {"coding": [{"system": SNOMED, "code": "47625008", "display": "Intravenous route"}]}


@dataclass(frozen=True, slots=True)
class _Given:
    row: BilledDose
    dose: DoseDay
    cycle: Cycle
    vials: tuple[VialUse, ...]


def _administration(rules: ClinicalRules, g: _Given) -> Json:
    prep = stored_preparation(rules, g.dose)
    lots = sorted({(v.lot, v.expiry) for v in g.vials})
    contained = [
        {"resourceType": "Medication", "id": f"lot{n}", "code": _medication(rules),
         "batch": {"lotNumber": lot, "expirationDate": expiry.isoformat()}}
        for n, (lot, expiry) in enumerate(lots, start=1)
    ]  # fmt: skip
    given_at = g.dose.decided_at or _FAR
    resource: Json = {
        "resourceType": "MedicationAdministration",
        "id": f"dose-{g.dose.id}",
        "status": "completed",
        "subject": _subject(g.row),
        "effectiveDateTime": given_at.isoformat(),
        "performer": [{"actor": {"display": g.dose.decided_by or "not recorded"}}],
        "request": {"reference": _uuid("cycle", g.cycle.id or 0)},
        "dosage": {
            "text": f"Cycle {g.cycle.number} Day {g.dose.day}: "
            f"{format_number(g.dose.dose_mg)} mg IV over {prep.infusion_minutes} minutes",
            "route": _ROUTE,
            "dose": _mg(g.dose.dose_mg),
            "rateQuantity": {
                "value": float(prep.rate_ml_per_h),
                "unit": "mL/h",
                "system": UCUM,
                "code": "mL/h",
            },
        },
    }
    if contained:
        resource["contained"] = contained
        resource["medicationReference"] = {"reference": "#lot1"}
        if len(contained) > 1:
            resource["supportingInformation"] = [
                {"reference": f"#{c['id']}"} for c in contained[1:]
            ]
    else:
        resource["medicationCodeableConcept"] = _medication(rules)
    return resource


def _request(rules: ClinicalRules, row: BilledDose, cycle: Cycle, doses: list[DoseDay]) -> Json:
    done = all(d.status is not DoseStatus.PLANNED for d in doses)
    first = min(d.planned_date for d in doses)
    return {
        "resourceType": "MedicationRequest",
        "id": f"cycle-{cycle.id}",
        "status": "completed" if done else "active",
        "intent": "order",
        "medicationCodeableConcept": _medication(rules),
        "subject": _subject(row),
        "requester": {"display": cycle.planned_by},
        "authoredOn": datetime.combine(first, time(), tzinfo=UTC).isoformat(),
        "dosageInstruction": [
            {
                "sequence": d.day,
                "text": f"Cycle {cycle.number} Day {d.day}: {format_number(d.dose_mg)} mg IV",
                "timing": {"event": [d.planned_date.isoformat()]},
                "route": _ROUTE,
                "doseAndRate": [{"doseQuantity": _mg(d.dose_mg)}],
            }
            for d in doses
        ],
    }


def fhir_bundle(store: Store, rules: ClinicalRules, since: date, zone: tzinfo) -> Json:
    """Doses given from `since` (local midnight) on, with their cycles' orders."""
    start = datetime.combine(since, time(), tzinfo=zone)

    def action(uow: UnitOfWork) -> tuple[list[_Given], dict[int, list[DoseDay]]]:
        given = []
        for row in uow.billing.doses_to_bill(start, _FAR):
            if row.status is not DoseStatus.GIVEN:
                continue
            dose = uow.doses.get(row.dose_id)
            vials = tuple(uow.vial_uses.for_dose(row.dose_id))
            given.append(_Given(row, dose, uow.cycles.get(dose.cycle_id), vials))
        cycles = {g.cycle.id or 0: uow.doses.for_cycle(g.cycle.id or 0) for g in given}
        return given, cycles

    given, cycle_doses = store.read(action)
    entries: list[Json] = []
    ordered: set[int] = set()
    for g in given:
        cycle_id = g.cycle.id or 0
        if cycle_id not in ordered:
            ordered.add(cycle_id)
            request = _request(rules, g.row, g.cycle, cycle_doses[cycle_id])
            entries.append({"fullUrl": _uuid("cycle", cycle_id), "resource": request})
        entries.append(
            {"fullUrl": _uuid("dose", g.dose.id or 0), "resource": _administration(rules, g)}
        )
    bundle: Json = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if entries:  # FHIR JSON never carries an empty array
        bundle["entry"] = entries
    return bundle
