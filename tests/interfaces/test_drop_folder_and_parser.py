"""The watched drop folder, and the reader against generated senders' variations."""

from __future__ import annotations

import os
import time
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from ino_desk.domain.patients.lab_messages import AckCode
from ino_desk.interfaces.drop_folder import process_folder
from ino_desk.interfaces.listener import folder_answers, receiver
from ino_desk.interfaces.mllp import frame, unframe
from ino_desk.services.charts.labs import lab_results
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.lab_feed.hl7_results import acknowledgement, parse, read_report
from tests.interfaces.hl7_messages import CBC_AND_LIVER, CR, CRLF, LF_OBR_TIME, oru
from tests.people import pharmacist
from tests.persistence.factories import patient

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.persistence.unit_of_work import SqlStore


def test_drop_folder_files_are_received_once_and_answered(store: SqlStore, tmp_path: Path) -> None:
    stored = register_patient(store, patient("MRN-1001"), pharmacist(store))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.hl7").write_text(oru("F-1", CBC_AND_LIVER), encoding="utf-8")
    (folder / "b.hl7").write_text("garbage", encoding="utf-8")
    later = time.time() + 5  # both files have settled
    assert process_folder(folder, folder_answers(receiver(store)), now=later) == 2
    assert (
        process_folder(folder, folder_answers(receiver(store)), now=later) == 0
    )  # moved, not read twice
    assert len(lab_results(store, stored.id or 0)) == 1
    done = folder / "processed"
    assert "MSA|AA|F-1" in (done / "a.hl7.ack").read_text(encoding="utf-8")
    assert "MSA|AR|" in (done / "b.hl7.ack").read_text(encoding="utf-8")
    assert os.stat(done / "a.hl7").st_mode & 0o077 == 0  # owner-only


def test_a_name_received_again_never_overwrites_what_was_kept(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    later = time.time() + 5
    for body in ("first", "second"):  # a laboratory reusing a file name
        (folder / "a.hl7").write_text(body, encoding="utf-8")
        assert process_folder(folder, lambda text, _channel: f"ACK {text}", now=later) == 1
    done = folder / "processed"
    assert (done / "a.hl7").read_text(encoding="utf-8") == "first"
    assert (done / "a.hl7.ack").read_text(encoding="utf-8") == "ACK first"
    assert (done / "a.hl7.1").read_text(encoding="utf-8") == "second"
    assert (done / "a.hl7.1.ack").read_text(encoding="utf-8") == "ACK second"
    assert os.stat(done / "a.hl7.1.ack").st_mode & 0o077 == 0


def test_a_file_whose_message_was_not_kept_stays_for_the_next_look(tmp_path: Path) -> None:
    (tmp_path / "a.hl7").write_text(oru("F-3", CBC_AND_LIVER), encoding="utf-8")
    assert process_folder(tmp_path, lambda _body, _channel: None, now=time.time() + 5) == 0
    assert (tmp_path / "a.hl7").exists()


def test_a_file_still_being_written_waits(store: SqlStore, tmp_path: Path) -> None:
    (tmp_path / "new.hl7").write_text(oru("F-2", CBC_AND_LIVER), encoding="utf-8")
    assert process_folder(tmp_path, folder_answers(receiver(store)), now=time.time()) == 0


_NUMBER = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False)
_ID = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=20)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([CR, LF_OBR_TIME, CRLF]),
    _ID,
    _ID,
    _NUMBER,
    st.sampled_from(["10*9/L", "K/uL", "G/L", "x10E3/uL"]),
)
def test_the_reader_gets_every_field_back_in_every_senders_style(
    style: object, control_id: str, mrn: str, value: Decimal, unit: str
) -> None:
    text = oru(control_id, [("777-3", str(value), unit, "150-400", "F")], mrn=mrn, style=style)  # type: ignore[arg-type]
    report = read_report(parse(text))
    assert (report.control_id, report.mrn) == (control_id, mrn)
    [obs] = report.observations
    assert (Decimal(obs.value), obs.unit, obs.reference_range) == (value, unit, "150-400")
    assert report.collected_at == datetime(2026, 3, 1, 8, 15)


@given(
    st.lists(
        st.text(min_size=1, max_size=40).filter(lambda t: "\x0b" not in t and "\x1c" not in t),
        min_size=1,
        max_size=5,
    ),
    st.integers(1, 7),
)
def test_mllp_frames_survive_any_chunking(messages: list[str], chunk: int) -> None:
    stream = b"".join(frame(m) for m in messages)
    buffer = bytearray()
    out: list[str] = []
    for start in range(0, len(stream), chunk):
        buffer.extend(stream[start : start + chunk])
        while (m := unframe(buffer)) is not None:
            out.append(m)
    assert out == messages


def test_an_ack_for_an_unreadable_message_still_says_AR() -> None:
    ack = acknowledgement(None, AckCode.REJECTED, "not HL7 | at all")
    assert "\rMSA|AR||not HL7 \\F\\ at all" in ack
