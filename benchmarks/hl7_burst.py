"""A burst of HL7 ORU^R01 messages over MLLP on 127.0.0.1: none may be lost; messages/second.

Starts the real listener (`ino_desk.interfaces.listener.serve`) on a temporary SQLite
database with one patient, then sends `--messages` results from `--connections` senders at
once, each waiting for its ACK before the next message (as interface engines do). Afterwards
it counts the ACKs, the kept messages and the imported results; they must all equal the
number sent.

    .venv/bin/python benchmarks/hl7_burst.py --messages 1000 --connections 4
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from ino_desk.persistence.sqlite.database import open_database  # noqa: E402
from ino_desk.persistence.unit_of_work import SqlStore  # noqa: E402
from ino_desk.services.charts.labs import lab_results  # noqa: E402
from ino_desk.services.charts.patients import register_patient  # noqa: E402
from tests.interfaces.hl7_messages import CBC_AND_LIVER, oru  # noqa: E402
from tests.interfaces.loopback import RunningListener, ack_code, send  # noqa: E402
from tests.people import cheap_passwords, pharmacist  # noqa: E402
from tests.persistence.factories import patient  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(Path(tmp) / "burst.sqlite3")
        store = SqlStore(database, passwords=cheap_passwords())
        pid = register_patient(store, patient("MRN-1001"), pharmacist(store)).id or 0
        per = args.messages // args.connections
        batches = [
            [oru(f"B-{c}-{n}", CBC_AND_LIVER) for n in range(per)] for c in range(args.connections)
        ]
        sent = per * args.connections
        with RunningListener(store) as listener:
            lock = threading.Lock()
            codes: list[str] = []

            def sender(batch: list[str]) -> None:
                acks = send(listener.port, *batch)
                with lock:
                    codes.extend(ack_code(a) for a in acks)

            start = time.perf_counter()
            with ThreadPoolExecutor(args.connections) as pool:
                list(pool.map(sender, batches))
            elapsed = time.perf_counter() - start
        kept = len(store.read(lambda uow: uow.lab_messages.recent(sent + 10)))
        imported = len(lab_results(store, pid))
        database.close()
    accepted = codes.count("AA")
    out = sys.stdout.write
    out(f"sent {sent} over {args.connections} connections in {elapsed:.2f} s: ")
    out(f"{sent / elapsed:.0f} messages/second\n")
    out(f"ACKs {len(codes)} (AA {accepted}), kept {kept}, imported {imported}\n")
    lost = not (len(codes) == accepted == kept == imported == sent)
    out("LOST MESSAGES\n" if lost else "none lost\n")
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
