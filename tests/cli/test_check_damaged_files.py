"""Issue #14: `db check` and `audit verify` on damaged files: a plain report, never a crash.

A seeded corpus of 200 damaged copies of a real small database (3 demo patients, about
220 kB): 150 with one byte replaced by a random value at a random offset, 50 truncated at a
random length. Every file gets exit 0 (the damage hit unused space), 1 (the check names what
failed) or 4 (nothing can be read), a short plain message, no traceback, and its bytes stay
the same. Both commands run in this process (`ino_desk.app.main`).
"""

from __future__ import annotations

import random
import sqlite3
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.admin import SqlDatabaseAdmin
from tests.cli.inprocess import cli

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules
    from tests.cli.inprocess import InProcessCli

__all__ = ["cli"]
# `db check` on damaged SQLite files.
pytestmark = pytest.mark.sqlite_only
SEED = 14
CASES = 200
CHUNK = 25


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory, rules: ClinicalRules) -> bytes:
    path = tmp_path_factory.mktemp("healthy") / "desk.sqlite3"
    SqlDatabaseAdmin(path, path.parent / "backups").fill_demo(rules, 3, 1)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, like a backup
    con.close()
    return path.read_bytes()


def damaged(data: bytes, case: int) -> tuple[str, bytes]:
    rng = random.Random(SEED * 100_000 + case)
    if case % 4 == 3:
        size = rng.randrange(len(data))
        return f"truncated to {size} bytes", data[:size]
    where = rng.randrange(len(data))
    value = rng.choice([b for b in range(256) if b != data[where]])
    return f"byte {where} set to {value}", data[:where] + bytes([value]) + data[where + 1 :]


@pytest.mark.parametrize("first", range(0, CASES, CHUNK))
def test_damaged_files_get_a_plain_report(
    cli: InProcessCli, tmp_path: Path, healthy: bytes, first: int
) -> None:
    path = tmp_path / "files" / "damaged.sqlite3"
    path.parent.mkdir()
    for case in range(first, first + CHUNK):
        what, data = damaged(healthy, case)
        path.write_bytes(data)
        for command in (("db", "check"), ("audit", "verify")):
            done = cli("--db", str(path), *command)
            said = f"case {case} ({what}), {' '.join(command)}: {done}"
            assert done.code in (0, 1, 4), said
            assert "internal error" not in done.err, said
            assert "Traceback" not in done.out + done.err, said
            assert done.err.count("\n") <= 1, said
            assert len(done.out.splitlines()) <= 40, said
            if done.code == 4:
                assert done.err.startswith("ino-desk: "), said
                assert done.out == "", said
            assert path.read_bytes() == data, said
        assert sorted(p.name for p in path.parent.iterdir()) == ["damaged.sqlite3"]
