"""SIGKILL in the middle of saving: the file opens, is intact, and no cycle lacks its doses."""

from __future__ import annotations

import os
import random
import select
import signal
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.audit.health import integrity_problems
from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.persistence.sqlite.database import open_database
from tests.persistence.writers import fork_child, save_cycles

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules

CYCLES_WITHOUT_ALL_DOSES = """
    SELECT count(*) FROM cycles c
    WHERE (SELECT count(*) FROM dose_days d WHERE d.cycle_id = c.id) != 3
"""


def _kill_while_saving(path: Path, rules: ClinicalRules, rng: random.Random) -> bool:
    """Start a writer, let it commit once, kill it at a random moment. True if it was killed."""
    read_end, write_end = os.pipe()
    pid = fork_child(lambda: save_cycles(path, rules, "KILL", 10_000, write_end))
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 30)
        assert ready, "the writer never committed a cycle"
        os.read(read_end, 1)
        # Up to ~3 more saves' worth of time: the kill lands anywhere inside a transaction.
        select.select([], [], [], rng.uniform(0, 0.12))
        os.kill(pid, signal.SIGKILL)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(read_end)
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def _assert_sound(path: Path) -> None:
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert integrity_problems(conn) == []
            assert conn.exec_driver_sql(CYCLES_WITHOUT_ALL_DOSES).scalar_one() == 0
            report = verify_audit(conn)
            assert report.ok, report.problems
            cycles = conn.exec_driver_sql("SELECT count(*) FROM cycles").scalar_one()
    finally:
        db.close()
    assert cycles > 0


def _run(path: Path, rules: ClinicalRules, kills: int, seed: int) -> None:
    open_database(path).close()  # created once, so every child only opens it
    rng = random.Random(seed)
    killed = sum(_kill_while_saving(path, rules, rng) for _ in range(kills))
    assert killed == kills
    _assert_sound(path)


def test_sigkill_50_times_while_saving_cycles(db_path: Path, rules: ClinicalRules) -> None:
    _run(db_path, rules, 50, seed=50)


@pytest.mark.slow
def test_sigkill_500_times_while_saving_cycles(db_path: Path, rules: ClinicalRules) -> None:
    _run(db_path, rules, 500, seed=500)
