"""Reading an HL7 v2 ORU^R01 message (python-hl7) and writing its acknowledgement.

Senders differ in segment separators (CR, LF, CRLF), their encoding characters (MSH-2),
repetitions of the patient identifier (PID-3) and escape sequences; python-hl7 reads the
separators from MSH and unescapes each component this module extracts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import hl7

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.lab_messages import AckCode, LabReport, Observation

if TYPE_CHECKING:
    from hl7.containers import Message, Segment

_MAX_CONTROL_ID = 50


class MessageRefusedError(Exception):
    """The message is not one ino-desk takes (AR: wrong type, version, unreadable)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalise(text: str) -> str:
    """Segments end with CR in HL7; senders also use LF or CRLF, and pad with blank lines."""
    lines = text.replace("\r\n", "\r").replace("\n", "\r").split("\r")
    return "\r".join(line for line in lines if line.strip())


def _field(segment: Segment, field: int, component: int = 1, repeat: int = 1) -> str:
    return str(segment.extract_field(1, field, repeat, component, 1)).strip()


def parse(text: str) -> Message:
    """The parsed message, or MessageRefusedError when it is not HL7 v2 at all."""
    body = normalise(text)
    if not body.startswith("MSH") or len(body) < 8:
        raise MessageRefusedError("not an HL7 v2 message (it must start with MSH)")
    try:
        return hl7.parse(body)
    except (hl7.ParseException, IndexError, ValueError) as exc:
        raise MessageRefusedError(f"unreadable HL7: {exc}") from exc


def header(message: Message) -> tuple[str, str]:
    """Control id (MSH-10) and sending facility (MSH-4), as far as they can be read."""
    try:
        msh = message.segment("MSH")
        return str(message["MSH.F10"]).strip()[:_MAX_CONTROL_ID], _field(msh, 4)
    except (KeyError, IndexError):
        return "", ""


def read_report(message: Message) -> LabReport:
    """The lab report of an ORU^R01 message; MessageRefusedError for another kind (AR),
    InputError naming the field for content that cannot be used (AE)."""
    msh = message.segment("MSH")
    kind = (_field(msh, 9, 1), _field(msh, 9, 2))
    if kind != ("ORU", "R01"):
        raise MessageRefusedError(f"message type {'^'.join(kind)} is not ORU^R01")
    version = _field(msh, 12)
    if not version.startswith("2."):
        raise MessageRefusedError(f"HL7 version {version!r} is not 2.x")
    control_id, facility = header(message)
    if not control_id:
        raise MessageRefusedError("MSH-10 message control id is empty")
    try:
        pid = message.segment("PID")
    except KeyError as exc:
        raise InputError("PID", "the message names no patient") from exc
    obr = _first(message, "OBR")
    return LabReport(
        control_id=control_id,
        sending_facility=facility,
        mrn=_medical_record_number(pid),
        date_of_birth=_date(_field(pid, 7), "date of birth (PID-7)"),
        order_number=(_field(obr, 3) or _field(obr, 2)) if obr is not None else "",
        collected_at=_time(_field(obr, 7), "OBR-7") if obr is not None else None,
        observations=tuple(_observation(s) for s in _all(message, "OBX")),
    )


def _first(message: Message, name: str) -> Segment | None:
    found = _all(message, name)
    return found[0] if found else None


def _all(message: Message, name: str) -> list[Segment]:
    try:
        return list(message.segments(name))
    except KeyError:
        return []


def _medical_record_number(pid: Segment) -> str:
    """The PID-3 repetition typed MR (medical record number), else the first one."""
    field = pid[3]
    repeats = len(field) if isinstance(field, hl7.Repetition | hl7.Field) else 1
    for n in range(1, max(repeats, 1) + 1):
        if _field(pid, 3, 5, n).upper() == "MR":
            return _field(pid, 3, 1, n)
    mrn = _field(pid, 3, 1, 1)
    if not mrn:
        raise InputError("MRN (PID-3)", "the message gives no patient identifier")
    return mrn


def _observation(obx: Segment) -> Observation:
    return Observation(
        code=_field(obx, 3, 1),
        coding_system=_field(obx, 3, 3),
        value=_field(obx, 5),
        unit=_field(obx, 6, 1),
        reference_range=_field(obx, 7),
        result_status=_field(obx, 11).upper(),
        observed_at=_time(_field(obx, 14), "OBX-14"),
    )


def _date(text: str, field: str) -> date | None:
    if not text:
        return None
    try:
        return datetime.strptime(text[:8], "%Y%m%d").date()
    except ValueError as exc:
        raise InputError(field, f"{text!r} is not a date YYYYMMDD") from exc


def _time(text: str, field: str) -> datetime | None:
    """HL7 DTM to minute precision; an offset (+hhmm) is honoured, none means local time."""
    if not text:
        return None
    stamp, sign, offset = text, "", ""
    for mark in "+-":
        if mark in text[8:]:
            stamp, offset = text.rsplit(mark, 1)
            sign = mark
    digits = stamp.split(".")[0]
    try:
        moment = datetime.strptime(digits[:12].ljust(12, "0"), "%Y%m%d%H%M")
    except ValueError as exc:
        raise InputError(field, f"{text!r} is not a time YYYYMMDDHHMM") from exc
    if sign and len(offset) == 4 and offset.isdigit():
        delta = timedelta(hours=int(offset[:2]), minutes=int(offset[2:]))
        zone = timezone(delta if sign == "+" else -delta)
        return moment.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)
    return moment


def acknowledgement(message: Message | None, code: AckCode, text: str) -> str:
    """The ACK to send back (MSA-1 the code, MSA-2 the control id, MSA-3 the reason)."""
    reason = f"|{_escape(text)}" if text else ""
    if message is not None:
        try:
            # python-hl7 ends the ACK with its MSA segment, so the reason is MSA-3
            return f"{message.create_ack(code.value)}{reason}"
        except (KeyError, IndexError, AttributeError):
            pass
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    return f"MSH|^~\\&|INO-DESK||||{stamp}||ACK|{stamp}|P|2.5.1\rMSA|{code.value}|{reason}"


def _escape(text: str) -> str:
    """Free text in an ACK must not carry the separators."""
    out = text.replace("\\", "\\E\\").replace("|", "\\F\\").replace("^", "\\S\\")
    return out.replace("&", "\\T\\").replace("~", "\\R\\").replace("\r", " ")[:80]
