"""The review queue: a pharmacist attaches a held laboratory message to a patient, or
dismisses it. A corrected result supersedes the earlier result of the same laboratory order,
which is kept and marked entered in error with the correcting message's id."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.corrections import EnteredInError, in_force
from ino_desk.domain.patients.lab_messages import (
    LabMessage,
    LabReport,
    MessageStatus,
    corrected_draw,
    draw_from_report,
)
from ino_desk.domain.staff.users import Permission
from ino_desk.services.lab_feed.hl7_results import parse, read_report
from ino_desk.services.lab_feed.lab_import import site_codes
from ino_desk.services.planning.authority import change_by
from ino_desk.services.store_errors import ConflictError

if TYPE_CHECKING:
    from ino_desk.domain.patients.labs import LabResult
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class HeldMessage:
    """One line of the review queue: what the message says and why it waits."""

    message: LabMessage
    report: LabReport


def messages_in_review(store: Store) -> list[HeldMessage]:
    def action(uow: UnitOfWork) -> list[HeldMessage]:
        return [HeldMessage(m, read_report(parse(m.body))) for m in uow.lab_messages.in_review()]

    return store.read(action)


def _held(uow: UnitOfWork, message_id: int) -> LabMessage:
    message = uow.lab_messages.get(message_id)
    if message.status is not MessageStatus.REVIEW:
        raise ConflictError(
            f"Laboratory message {message_id} is {message.status.value}, not held for review."
        )
    return message


def _reason(reason: str) -> str:
    text = reason.strip()
    if not text or len(text) > 500:
        raise InputError("reason", "say in 1 to 500 characters why this is right")
    return text


def attach_message(
    store: Store, message_id: int, patient_id: int, who: User, reason: str
) -> LabResult:
    """Import the held message for the patient the pharmacist chose; a corrected result
    replaces the earlier result of the same order. Returns the stored result."""
    why = _reason(reason)

    def action(uow: UnitOfWork) -> LabResult:
        message = _held(uow, message_id)
        change = change_by(uow, who, Permission.RESOLVE_LAB_MESSAGES, why)
        report = read_report(parse(message.body))
        patient = uow.patients.get(patient_id)
        draw = draw_from_report(report, site_codes(uow), patient_id)
        if draw is None:
            raise InputError("message", "no observation in it is in the site's code table")
        earlier = _earlier_of_order(uow, patient_id, report) if report.corrected else []
        why_wrong = f"superseded by the corrected result in HL7 message {report.control_id}"
        mark = EnteredInError(why_wrong, change.who, uow.now())
        for old in earlier:
            uow.labs.update(replace(old, entered_in_error=mark), change)
        stored = uow.labs.add(corrected_draw(earlier[0], draw) if earlier else draw, change)
        uow.lab_messages.update(
            replace(
                message,
                status=MessageStatus.RESOLVED,
                patient_id=patient.id,
                lab_result_id=stored.id,
                resolved_by=change.who,
            ),
            change,
        )
        return stored

    return store.write(action)


def _earlier_of_order(uow: UnitOfWork, patient_id: int, report: LabReport) -> list[LabResult]:
    """The patient's results still in force from the same laboratory order, newest first."""
    if not report.order_number:
        return []
    return [
        r
        for r in in_force(uow.labs.for_patient(patient_id))
        if r.source_order == report.order_number and r.imported
    ]


def dismiss_message(store: Store, message_id: int, who: User, reason: str) -> LabMessage:
    """The message belongs to no patient here (or is wrong): kept, never imported."""
    why = _reason(reason)

    def action(uow: UnitOfWork) -> LabMessage:
        message = _held(uow, message_id)
        change = change_by(uow, who, Permission.RESOLVE_LAB_MESSAGES, why)
        dismissed = replace(
            message,
            status=MessageStatus.DISMISSED,
            problem=f"{message.problem}; dismissed: {why}",
            resolved_by=change.who,
        )
        return uow.lab_messages.update(dismissed, change)

    return store.write(action)
