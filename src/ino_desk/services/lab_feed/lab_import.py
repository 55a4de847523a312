"""Receive one laboratory message: keep it, import it or hold it for review, and answer it.

The patient is matched on MRN *and* date of birth; an unknown MRN, a date-of-birth mismatch
or a corrected result (OBX-11 = C) waits in the review queue for a pharmacist. Every message
is kept verbatim with the acknowledgement it was given, whatever became of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.lab_messages import (
    AckCode,
    LabMessage,
    LabReport,
    MessageStatus,
    draw_from_report,
    mapped_values,
)
from ino_desk.domain.patients.lab_units import DEFAULT_LAB_CODES
from ino_desk.services.lab_feed.hl7_results import (
    MessageRefusedError,
    acknowledgement,
    header,
    parse,
    read_report,
)
from ino_desk.services.ports.change import Change
from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from hl7.containers import Message

    from ino_desk.domain.patients.lab_units import Analyte
    from ino_desk.services.ports.store import Store, UnitOfWork

# Imports are written by the interface, not a person; the audit names it and the source.
INTERFACE = "laboratory interface"


@dataclass(frozen=True, slots=True)
class Reply:
    """What became of a message and the ACK to send back."""

    ack: str
    code: AckCode
    status: MessageStatus
    problem: str
    message_id: int | None


def site_codes(uow: UnitOfWork) -> dict[str, Analyte]:
    """The site's code table; the shipped defaults are stored (unconfirmed) the first time."""
    codes = uow.lab_codes.all()
    if not codes:
        change = Change(INTERFACE, "default laboratory codes, to be confirmed by the site")
        codes = [uow.lab_codes.add(code, change) for code in DEFAULT_LAB_CODES]
    return {c.code: c.analyte for c in codes}


def store_default_codes(store: Store) -> None:
    """Store the shipped code table if the site has none yet (before a listener starts)."""
    store.write(site_codes)


def receive_message(store: Store, body: str, channel: str) -> Reply:
    """Keep `body`, import or queue what it reports, and return the acknowledgement."""
    message: Message | None = None
    try:
        message = parse(body)
        report = read_report(message)
    except MessageRefusedError as exc:
        return _keep_refused(store, body, channel, message, AckCode.REJECTED, exc.message)
    except InputError as exc:
        return _keep_refused(store, body, channel, message, AckCode.ERROR, str(exc))
    try:
        status, problem, kept = store.write(lambda uow: _file(uow, report, body, channel))
    except StoreError as exc:  # nothing kept: the sender must send it again
        return _reply(message, AckCode.ERROR, MessageStatus.REFUSED, exc.message, None)
    code = AckCode.ERROR if status is MessageStatus.REFUSED else AckCode.ACCEPTED
    return _reply(message, code, status, problem, kept)


def _file(
    uow: UnitOfWork, report: LabReport, body: str, channel: str
) -> tuple[MessageStatus, str, int | None]:
    status, problem, patient_id, result_id = _decide(uow, report)
    kept = uow.lab_messages.add(
        LabMessage(
            received_at=uow.now(),
            channel=channel,
            control_id=report.control_id,
            sending_facility=report.sending_facility,
            body=body,
            ack_code=AckCode.ERROR if status is MessageStatus.REFUSED else AckCode.ACCEPTED,
            status=status,
            problem=problem,
            patient_id=patient_id,
            lab_result_id=result_id,
        ),
        Change(INTERFACE, report.source),
    )
    return status, problem, kept.id


def _decide(
    uow: UnitOfWork, report: LabReport
) -> tuple[MessageStatus, str, int | None, int | None]:
    if uow.lab_messages.already_kept(report.control_id, report.sending_facility):
        return MessageStatus.DUPLICATE, "already received; not imported again", None, None
    codes = site_codes(uow)
    try:
        if not mapped_values(report, codes):
            return MessageStatus.NOTHING_TO_IMPORT, "no observation in the code table", None, None
        draw = draw_from_report(report, codes, patient_id=0)
    except InputError as exc:
        return MessageStatus.REFUSED, str(exc), None, None
    patient = uow.patients.by_mrn(report.mrn)
    if patient is None:
        return MessageStatus.REVIEW, f"no patient with MRN {report.mrn}", None, None
    if report.date_of_birth != patient.date_of_birth:
        return MessageStatus.REVIEW, "date of birth does not match the patient's", None, None
    if report.corrected:
        return MessageStatus.REVIEW, "corrected result: confirm what it replaces", None, None
    assert draw is not None  # mapped_values found something above
    assert patient.id is not None
    change = Change(INTERFACE, f"imported from {report.source}")
    stored = uow.labs.add(replace(draw, patient_id=patient.id), change)
    return MessageStatus.IMPORTED, "", patient.id, stored.id


def _keep_refused(
    store: Store,
    body: str,
    channel: str,
    message: Message | None,
    code: AckCode,
    problem: str,
) -> Reply:
    control_id, facility = header(message) if message is not None else ("", "")

    def action(uow: UnitOfWork) -> int | None:
        kept = LabMessage(
            received_at=uow.now(),
            channel=channel,
            control_id=control_id,
            sending_facility=facility,
            body=body,
            ack_code=code,
            status=MessageStatus.REFUSED,
            problem=problem,
        )
        return uow.lab_messages.add(kept, Change(INTERFACE, "refused message kept")).id

    try:
        kept = store.write(action)
    except StoreError:
        kept = None
    return _reply(message, code, MessageStatus.REFUSED, problem, kept)


def _reply(
    message: Message | None,
    code: AckCode,
    status: MessageStatus,
    problem: str,
    kept: int | None,
) -> Reply:
    text = problem if code is not AckCode.ACCEPTED else status.value
    return Reply(acknowledgement(message, code, text), code, status, problem, kept)
