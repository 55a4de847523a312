"""Two processes saving to one file at the same time: every save lands, none sees "locked"."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.persistence.sqlite.database import open_database
from tests.persistence.writers import fork_child, register_many, save_cycles

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules

PER_PROCESS = 150


def test_two_writers_lose_nothing(db_path: Path, rules: ClinicalRules) -> None:
    open_database(db_path).close()
    pids = [
        fork_child(lambda: register_many(db_path, "A", PER_PROCESS)),
        fork_child(lambda: register_many(db_path, "B", PER_PROCESS)),
        fork_child(lambda: save_cycles(db_path, rules, "C", 20, -1)),
    ]
    # A child exits 1 (with its traceback on stderr) if any save raised, "locked" included.
    statuses = [os.waitpid(pid, 0)[1] for pid in pids]
    assert [os.waitstatus_to_exitcode(s) for s in statuses] == [0, 0, 0]
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            mrns = conn.exec_driver_sql("SELECT mrn FROM patients").scalars().all()
            cycles = conn.exec_driver_sql("SELECT count(*) FROM cycles").scalar_one()
            report = verify_audit(conn)
    finally:
        db.close()
    assert sorted(m for m in mrns if m[0] in "AB") == sorted(
        [f"A-{n:05d}" for n in range(PER_PROCESS)] + [f"B-{n:05d}" for n in range(PER_PROCESS)]
    )
    assert cycles == 20
    assert report.ok, report.problems
