"""Lab results over real TCP on 127.0.0.1 with MLLP framing: accepted, refused, queued."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.patients.lab_messages import MessageStatus
from ino_desk.services.charts.labs import lab_results
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.lab_feed.lab_review import (
    attach_message,
    dismiss_message,
    messages_in_review,
)
from tests.interfaces.hl7_messages import CBC_AND_LIVER, CR, CRLF, LF_OBR_TIME, oru
from tests.interfaces.loopback import RunningListener, ack_code, send
from tests.people import pharmacist
from tests.persistence.factories import patient

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ino_desk.persistence.unit_of_work import SqlStore

D = Decimal


@pytest.fixture
def listener(store: SqlStore) -> Iterator[RunningListener]:
    with RunningListener(store) as running:
        yield running


@pytest.fixture
def patient_id(store: SqlStore) -> int:
    stored = register_patient(store, patient("MRN-1001"), pharmacist(store))
    assert stored.id is not None
    return stored.id


def _kept(store: SqlStore) -> list[MessageStatus]:
    """Every message kept, oldest first."""
    return [m.status for m in reversed(store.read(lambda uow: uow.lab_messages.recent(100)))]


@pytest.mark.parametrize("style", [CR, LF_OBR_TIME, CRLF], ids=["CR", "LF+OBR-7", "CRLF"])
def test_a_matched_result_is_imported_marked_with_its_source(
    store: SqlStore, listener: RunningListener, patient_id: int, style: object
) -> None:
    [ack] = send(listener.port, oru("MSG-1", CBC_AND_LIVER, style=style))  # type: ignore[arg-type]
    assert ack_code(ack) == "AA"
    assert "MSA|AA|MSG-1" in ack
    [draw] = lab_results(store, patient_id)
    assert draw.drawn_on == date(2026, 3, 1)
    assert (draw.anc_10e9_per_l, draw.platelets_10e9_per_l) == (D("1.2"), D("85"))
    assert (draw.total_bilirubin, draw.total_bilirubin_uln) == (D("0.9"), D("1.2"))
    assert (draw.ast_u_per_l, draw.ast_uln_u_per_l) == (D("31"), D("40"))
    assert (draw.alt_u_per_l, draw.alt_uln_u_per_l) == (D("28"), D("45"))
    assert draw.peripheral_blasts_per_mm3 == D("1500")
    assert draw.platelets_transfused_since is None  # the laboratory does not say
    assert draw.imported
    assert draw.source.startswith("HL7 message MSG-1 from ")
    assert draw.source_order == "ORD-1"


def test_escaped_units_and_facility_are_read_unescaped(
    store: SqlStore, listener: RunningListener, patient_id: int
) -> None:
    # 10\S\9/L is "10^9/L" with the component separator escaped; cells/uL converts by 0.001
    observations = [
        ("751-8", "1200", "cells/uL", "", "F"),
        ("777-3", "85", "10\\S\\9/L", "", "F"),
    ]
    [ack] = send(listener.port, oru("MSG-2", observations, style=CRLF))
    assert ack_code(ack) == "AA"
    [draw] = lab_results(store, patient_id)
    assert (draw.anc_10e9_per_l, draw.platelets_10e9_per_l) == (D("1.200"), D("85"))
    assert draw.source == "HL7 message MSG-2 from NORTH&SOUTH LAB"


def test_bilirubin_in_micromoles_and_enzymes_in_microkatal_are_converted(
    store: SqlStore, listener: RunningListener, patient_id: int
) -> None:
    observations = [
        ("14631-6", "17.1", "umol/L", "3.4-20.5", "F"),  # × 0.058466 mg/dL per µmol/L
        ("1920-8", "0.5", "ukat/L", "0-0.6", "F"),  # × 60 U/L per µkat/L
    ]
    [ack] = send(listener.port, oru("MSG-3", observations))
    assert ack_code(ack) == "AA"
    [draw] = lab_results(store, patient_id)
    assert draw.total_bilirubin == D("0.9997686")  # 17.1 × 0.058466
    assert draw.total_bilirubin_uln == D("1.1985530")  # 20.5 × 0.058466
    assert (draw.ast_u_per_l, draw.ast_uln_u_per_l) == (D("30.0"), D("36.0"))


def test_an_unknown_unit_is_refused_with_AE_and_nothing_imported(
    store: SqlStore, listener: RunningListener, patient_id: int
) -> None:
    observations = [("777-3", "85", "mmol/L", "", "F")]
    [ack] = send(listener.port, oru("MSG-4", observations))
    assert ack_code(ack) == "AE"
    assert "platelets unit" in ack
    assert lab_results(store, patient_id) == []
    assert _kept(store) == [MessageStatus.REFUSED]


def test_a_message_that_is_not_an_oru_is_rejected_with_AR_and_kept(
    store: SqlStore, listener: RunningListener
) -> None:
    adt = oru("MSG-5", CBC_AND_LIVER, message_type="ADT^A01^ADT_A01")
    acks = send(listener.port, adt, "this is not HL7")
    assert [ack_code(a) for a in acks] == ["AR", "AR"]
    assert "MSA|AR|MSG-5" in acks[0]
    assert _kept(store) == [MessageStatus.REFUSED, MessageStatus.REFUSED]


def test_an_unknown_mrn_is_queued_not_attached(
    store: SqlStore, listener: RunningListener, patient_id: int
) -> None:
    [ack] = send(listener.port, oru("MSG-6", CBC_AND_LIVER, mrn="MRN-9999"))
    assert ack_code(ack) == "AA"
    assert lab_results(store, patient_id) == []
    [held] = messages_in_review(store)
    assert held.message.problem == "no patient with MRN MRN-9999"


def test_a_date_of_birth_mismatch_never_attaches(
    store: SqlStore, listener: RunningListener, patient_id: int
) -> None:
    [ack] = send(listener.port, oru("MSG-7", CBC_AND_LIVER, dob="19790518"))
    assert ack_code(ack) == "AA"
    assert lab_results(store, patient_id) == []
    [held] = messages_in_review(store)
    assert held.message.status is MessageStatus.REVIEW
    assert held.message.patient_id is None
    assert "date of birth" in held.message.problem
    # the pharmacist decides it is someone else's: kept, never imported
    dismiss_message(store, held.message.id or 0, pharmacist(store), "another patient's result")
    assert messages_in_review(store) == []
    assert lab_results(store, patient_id) == []


def test_a_resent_message_is_acknowledged_but_not_imported_twice(
    store: SqlStore, listener: RunningListener, patient_id: int
) -> None:
    message = oru("MSG-8", CBC_AND_LIVER)
    acks = send(listener.port, message, message)
    assert [ack_code(a) for a in acks] == ["AA", "AA"]
    assert len(lab_results(store, patient_id)) == 1
    assert _kept(store) == [MessageStatus.IMPORTED, MessageStatus.DUPLICATE]


def test_a_corrected_result_waits_then_supersedes_the_earlier_one(
    store: SqlStore, listener: RunningListener, patient_id: int
) -> None:
    send(listener.port, oru("MSG-9", CBC_AND_LIVER, order="ORD-77"))
    corrected = [("777-3", "58", "10*9/L", "150-400", "C")]  # the count was 58, not 85
    [ack] = send(listener.port, oru("MSG-10", corrected, order="ORD-77"))
    assert ack_code(ack) == "AA"
    [first] = lab_results(store, patient_id)  # not applied before a pharmacist confirms
    assert first.platelets_10e9_per_l == D("85")
    [held] = messages_in_review(store)
    assert "corrected" in held.message.problem

    stored = attach_message(
        store, held.message.id or 0, patient_id, pharmacist(store), "lab phoned: recount"
    )
    newest, earlier = lab_results(store, patient_id)
    assert newest.id == stored.id
    assert newest.platelets_10e9_per_l == D("58")
    assert newest.anc_10e9_per_l == D("1.2")  # the values not corrected are carried over
    assert newest.entered_in_error is None
    assert earlier.id == first.id
    assert earlier.entered_in_error is not None
    assert earlier.entered_in_error.reason == (
        "superseded by the corrected result in HL7 message MSG-10"
    )


def test_concurrent_senders_lose_no_message(
    store: SqlStore, listener: RunningListener, patient_id: int
) -> None:
    batches = [[oru(f"C{c}-{n}", CBC_AND_LIVER) for n in range(15)] for c in range(3)]
    with ThreadPoolExecutor(3) as pool:
        acks = [a for batch in pool.map(lambda b: send(listener.port, *b), batches) for a in batch]
    assert [ack_code(a) for a in acks] == ["AA"] * 45
    assert len(lab_results(store, patient_id)) == 45
    assert _kept(store) == [MessageStatus.IMPORTED] * 45
