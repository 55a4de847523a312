"""The course the back-entry (`test_after_downtime.py`) and `bench-time add`
(`test_bench_time_add.py`) tests start from, built once through the commands as a pharmacy
builds it: a patient measured and with labs the day before, a course and cycle 1 from the
given day (prescriber recorded), and a second pharmacist, pharm.b, who did not plan it and so
may verify it."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from tests.cli.test_course_commands import ADMIN_PW, MRN, cli
from tests.engines import query

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

SECOND_PW = "second-pharmacist-pw"


def plan_cycle_1_from(db: str | Path, start: date) -> None:
    """Cycle 1 of the patient `MRN` from `start`, and the second pharmacist pharm.b."""
    before = (start - timedelta(days=1)).isoformat()
    steps = [
        ["patient", "add", "--mrn", MRN, "--family", "Paper", "--given", "Pia",
         "--born", "1980-05-17", "--sex", "female", "--allergies", "none-known"],
        ["measurement", "add", "--mrn", MRN, "--height-cm", "170", "--weight-kg", "75",
         "--on", before],
        ["lab", "add", "--mrn", MRN, "--on", before, "--anc", "2.1", "--platelets", "140",
         "--transfused", "no", "--bilirubin", "0.6", "--bilirubin-uln", "1.2", "--ast", "22",
         "--ast-uln", "40", "--alt", "25", "--alt-uln", "40", "--blasts", "500"],
        ["course", "start", "--mrn", MRN, "--hsct", "no", "--on", before],
        ["cycle", "plan", "--mrn", MRN, "--start", start.isoformat(), "--prescriber", "Dr Test"],
    ]  # fmt: skip
    for step in steps:
        assert cli(db, *step) == 0, step
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INO_DESK_NEW_PASSWORD", SECOND_PW)  # who did not plan verifies
        second = ("users", "add", "pharm.b", "--full-name", "Bea Second", "--role", "pharmacist")
        assert cli(db, *second, user="admin", password=ADMIN_PW) == 0


def audit_reasons(db: str, entity: str) -> list[str]:
    rows = query(db, "SELECT reason FROM audit_events WHERE entity = :e ORDER BY seq", e=entity)
    return [r[0] for r in rows]
