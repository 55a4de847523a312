"""An imported result feeds the one authority: the pre-dose gates re-run on it, and a result
marked entered in error no longer counts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ino_desk.domain.findings import Severity
from ino_desk.services.lab_feed.lab_import import receive_message
from ino_desk.services.lab_feed.lab_review import attach_message, messages_in_review
from ino_desk.services.paperwork.document_lookup import find_patient
from ino_desk.services.planning.dose_day import dose_gates
from tests.interfaces.hl7_messages import oru
from tests.people import pharmacist
from tests.persistence.factories import first_cycle

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore

# Bilirubin 2.0 mg/dL with ULN 1.2 is 1.67 × ULN (> 1.5 × ULN) and AST 150 U/L with ULN 40
# is 3.75 × ULN (> 2.5 × ULN): both above the limits, so the dose is held (PI 2.3, Table 3).
HIGH_LIVER = [
    ("751-8", "2.1", "10*9/L", "1.5-8.0", "F"),
    ("777-3", "140", "10*9/L", "150-400", "F"),
    ("1975-2", "2.0", "mg/dL", "0.2-1.2", "F"),
    ("1920-8", "150", "U/L", "10-40", "F"),
    ("1742-6", "30", "U/L", "7-45", "F"),
    ("30376-8", "500", "/mm3", "", "F"),
]


def _codes(store: SqlStore, rules: ClinicalRules, dose_id: int, on: date) -> dict[str, Severity]:
    return {f.code: f.severity for f in dose_gates(store, rules, dose_id, on)}


def test_an_imported_result_drives_the_pre_dose_gates(
    store: SqlStore, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    day1 = saved.doses[0]
    assert day1.id is not None
    before = _codes(store, rules, day1.id, day1.planned_date)
    assert "CBC_MISSING" in before

    reply = receive_message(store, oru("G-1", HIGH_LIVER, collected="202603010700"), "test")
    assert reply.code.value == "AA"
    after = _codes(store, rules, day1.id, day1.planned_date)
    assert "CBC_MISSING" not in after
    assert after["HOLD_DOSE_LIVER"] is Severity.BLOCKING
    assert after["PLATELETS_TRANSFUSION_UNKNOWN"] is Severity.WARNING

    # the laboratory corrects AST to 35 U/L (0.875 × ULN): the hold no longer applies
    corrected = [("1920-8", "35", "U/L", "10-40", "C")]
    receive_message(store, oru("G-2", corrected, collected="202603010700"), "test")
    [held] = messages_in_review(store)
    patient_id = find_patient(store, "MRN-1001").id or 0
    attach_message(store, held.message.id or 0, patient_id, pharmacist(store), "lab phoned")
    final = _codes(store, rules, day1.id, day1.planned_date)
    assert "HOLD_DOSE_LIVER" not in final
    assert final["LIVER_TESTS_ELEVATED"] is Severity.WARNING  # bilirubin is still 1.67 × ULN
