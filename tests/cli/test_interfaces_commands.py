"""`ino-desk interfaces …`: the listener as a real process on 127.0.0.1, the review queue
in-process, exit codes 0 done, 1 refused, 2 bad input; on a SQLite file and a PostgreSQL
server database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from fhir.resources.R4B.bundle import Bundle

from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.labs import lab_results
from ino_desk.services.lab_feed.lab_import import receive_message
from ino_desk.services.paperwork.document_lookup import find_patient
from tests.cli.inprocess import PEOPLE, InProcessCli, cli
from tests.cli.staffed import staffed_demo
from tests.conftest import SRC
from tests.engines import (
    engine,
    open_location,
    pg_server,
    pg_template,
    prepared,
    pytest_generate_tests,
)
from tests.interfaces.hl7_messages import CBC_AND_LIVER, oru
from tests.interfaces.loopback import ack_code, send
from tests.people import cheap_passwords

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

__all__ = [
    "cli",
    "engine",
    "pg_server",
    "pg_template",
    "prepared",
    "pytest_generate_tests",
    "staffed_demo",
]

MRN = "HL7-0001"
PHARM_PW = PEOPLE["pharm.a"][2]


def _with_patient(cli: InProcessCli, staffed_demo: Callable[[int], str]) -> str:
    db = staffed_demo(1)
    added = cli(
        "--db", str(db), "patient", "add", "--mrn", MRN, "--family", "Lab", "--given", "Lia",
        "--born", "1979-05-17", "--sex", "female", "--allergies", "none-known",
        "--user", "pharm.a", password=PHARM_PW,
    )  # fmt: skip
    assert added.code == 0, added.err
    return db


def _store(db: str) -> Iterator[SqlStore]:
    database = open_location(db)
    try:
        yield SqlStore(database, passwords=cheap_passwords())
    finally:
        database.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_listen_imports_a_result_sent_over_mllp_and_stops_cleanly(
    cli: InProcessCli, staffed_demo: Callable[[int], str], tmp_path: Path
) -> None:
    db = _with_patient(cli, staffed_demo)
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(SRC), HOME=str(tmp_path / "h"))
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ino_desk", "--db", db, "interfaces", "listen",
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith(f"listening for HL7 on 127.0.0.1:{port}")
        sent = time.monotonic()
        [ack] = send(port, oru("CLI-1", CBC_AND_LIVER, mrn=MRN))
        assert ack_code(ack) == "AA"
        for store in _store(db):
            patient = find_patient(store, MRN)
            [draw] = lab_results(store, patient.id or 0)
            assert time.monotonic() - sent < 1.0  # in the labs within a second
            assert draw.imported
            assert draw.drawn_on == date(2026, 3, 1)
            assert draw.platelets_10e9_per_l == Decimal("85")
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "stopped" in out


def test_review_attach_and_dismiss_from_the_command_line(
    cli: InProcessCli, staffed_demo: Callable[[int], str]
) -> None:
    db = _with_patient(cli, staffed_demo)
    for store in _store(db):
        wrong_dob = receive_message(store, oru("Q-1", CBC_AND_LIVER, mrn=MRN, dob="19790518"), "t")
        unknown = receive_message(store, oru("Q-2", CBC_AND_LIVER, mrn="NOBODY"), "t")
    listed = cli("--db", str(db), "interfaces", "review")
    assert listed.code == 0, listed.err
    assert "date of birth does not match" in listed.out
    assert "no patient with MRN NOBODY" in listed.out

    attached = cli(
        "--db", str(db), "interfaces", "attach", str(wrong_dob.message_id), "--mrn", MRN,
        "--reason", "DOB typo at the lab, confirmed by phone", "--user", "pharm.a",
        password=PHARM_PW,
    )  # fmt: skip
    assert attached.code == 0, attached.err
    assert f"attached to patient {MRN}" in attached.out
    dismissed = cli(
        "--db", str(db), "interfaces", "dismiss", str(unknown.message_id),
        "--reason", "not our patient", "--user", "pharm.a", password=PHARM_PW,
    )  # fmt: skip
    assert dismissed.code == 0, dismissed.err
    again = cli(
        "--db", str(db), "interfaces", "dismiss", str(unknown.message_id),
        "--reason", "twice", "--user", "pharm.a", password=PHARM_PW,
    )  # fmt: skip
    assert again.code == 1
    assert "not held for review" in again.err
    assert "no laboratory message is waiting" in cli("--db", str(db), "interfaces", "review").out


def test_read_only_users_cannot_resolve_and_bad_input_names_the_flag(
    cli: InProcessCli, staffed_demo: Callable[[int], str], tmp_path: Path
) -> None:
    db = _with_patient(cli, staffed_demo)
    for store in _store(db):
        held = receive_message(store, oru("Q-3", CBC_AND_LIVER, mrn="NOBODY"), "t")
    reader = cli(
        "--db", str(db), "interfaces", "dismiss", str(held.message_id), "--reason", "x",
        "--user", "nurse.n", password=PEOPLE["nurse.n"][2],
    )  # fmt: skip
    assert reader.code == 1
    assert "may not resolve laboratory messages" in reader.err
    bad_port = cli("--db", db, "interfaces", "listen", "--port", "70000")
    assert bad_port.code == 2
    assert "--port" in bad_port.err
    no_folder = cli("--db", db, "interfaces", "listen", "--drop-folder", str(tmp_path / "x"))
    assert no_folder.code == 2
    assert "--drop-folder" in no_folder.err
    codes = cli("--db", str(db), "interfaces", "codes")
    assert "777-3  platelets (10*9/L)  to confirm" in codes.out


def test_export_fhir_writes_a_bundle_and_names_bad_flags(
    cli: InProcessCli, staffed_demo: Callable[[int], str], tmp_path: Path
) -> None:
    db = _with_patient(cli, staffed_demo)
    target = tmp_path / "bundle.json"
    done = cli(
        "--db", str(db), "export", "fhir", "--since", "2020-01-01", "--out", str(target),
        "--user", "pharm.a", password=PHARM_PW,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "FHIR bundle with" in done.out
    Bundle.model_validate_json(target.read_text(encoding="utf-8"))
    assert os.stat(target).st_mode & 0o077 == 0
    bad = cli("--db", str(db), "export", "fhir", "--since", "yesterday", "--user", "pharm.a")
    assert bad.code == 2
    assert "--since" in bad.err
