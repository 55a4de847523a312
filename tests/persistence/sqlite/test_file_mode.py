"""The database holds patient data: a new file is readable by its owner only (HIPAA 164.312)."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.sqlite.database import open_database

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_database_and_its_journal_files_are_owner_only(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)  # a permissive umask must not widen the mode
    try:
        path = tmp_path / "new" / "ino-desk.sqlite3"
        db = open_database(path)
        try:
            with db.write_engine.begin() as conn:
                conn.exec_driver_sql("CREATE TABLE t (x)")
            files = [path, *path.parent.glob("*-wal"), *path.parent.glob("*-shm")]
            assert len(files) >= 1
            for file in files:
                assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        finally:
            db.close()
    finally:
        os.umask(old_umask)
