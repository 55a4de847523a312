"""Child-process writers for the crash and concurrency tests (forked from the test process)."""

from __future__ import annotations

import os
import signal
import traceback
from datetime import date
from typing import TYPE_CHECKING

from ino_desk.label.pack import load_pack
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput
from tests.people import pharmacist
from tests.persistence.factories import measurement, patient

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules


def save_cycles(path: Path, rules: ClinicalRules, tag: str, rounds: int, notify: int) -> None:
    """Register a patient, then save courses each with a planned cycle 1 (and its 3 doses).

    After each committed cycle one byte goes to the `notify` pipe, so the parent can kill
    this process in the middle of the next save.
    """
    db = open_database(path)
    store = SqlStore(db)
    try:
        p = register_patient(store, patient(f"{tag}-{os.getpid()}"), pharmacist(store))
        assert p.id is not None
        m = record_measurement(store, measurement(p.id), pharmacist(store))
        assert m.id is not None
        for n in range(rounds):
            course = start_course(store, p.id, date(2026, 3, 2), False, pharmacist(store))
            assert course.id is not None
            given = CycleInput(
                course.id, m.id, date(2026, 3, 2), prescriber_name="Dr Test Prescriber"
            )
            save_next_cycle(store, rules, given, Reduction(), pharmacist(store))
            if notify >= 0:
                os.write(notify, b".")
            del n
    finally:
        db.close()


def register_many(path: Path, tag: str, count: int) -> None:
    """Register `count` patients, one transaction each."""
    db = open_database(path)
    store = SqlStore(db)
    try:
        for n in range(count):
            register_patient(store, patient(f"{tag}-{n:05d}"), pharmacist(store))
    finally:
        db.close()


def fork_child(work: Callable[[], None]) -> int:
    """Run `work` in a forked child; it exits 0 on success, 1 with a traceback on failure."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            work()
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    return pid


def rules() -> ClinicalRules:
    return load_pack().rules
