"""The desktop's daily backup: one compressed, owner-only, complete copy a day, rotated."""

from __future__ import annotations

import gzip
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.backups import daily_backup
from ino_desk.persistence.backups.backup import restore
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patients import register_patient
from tests.people import cheap_passwords, pharmacist
from tests.persistence.factories import patient

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.persistence.sqlite.sqlite_engine import Database

pytestmark = pytest.mark.sqlite_only  # a backup of the database file itself

NOON = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def _patients(path: Path) -> list[tuple[str]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT mrn FROM patients ORDER BY mrn").fetchall()
    finally:
        con.close()


def test_one_backup_a_day_holds_the_whole_database_compressed(
    database: Database, tmp_path: Path
) -> None:
    store = SqlStore(database, passwords=cheap_passwords())
    register_patient(store, patient(), pharmacist(store))
    folder = tmp_path / "backups"
    made = daily_backup.take_daily_backup(database.path, folder, now=NOON)
    assert made is not None
    assert made.name == "ino-desk-20261202T120000000000Z-daily.sqlite3.gz"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # Later the same day: nothing more is written.
    later = NOON + timedelta(hours=5)
    assert daily_backup.take_daily_backup(database.path, folder, now=later) is None
    assert daily_backup.daily_backups(folder) == [made]
    unpacked = tmp_path / "unpacked.sqlite3"
    with gzip.open(made) as packed:
        unpacked.write_bytes(packed.read())
    assert _patients(unpacked) == [("MRN-1001",)]
    assert made.stat().st_size < database.path.stat().st_size  # compressed
    assert not [p for p in folder.iterdir() if ".partial" in p.name]


def test_only_the_newest_days_are_kept(database: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    for day in range(10):
        made = daily_backup.take_daily_backup(
            database.path, folder, keep=7, now=NOON + timedelta(days=day)
        )
        assert made is not None
    kept = [p.name[9:17] for p in daily_backup.daily_backups(folder)]
    assert kept == [f"202612{d:02d}" for d in range(5, 12)]


def test_a_daily_backup_restores_as_it_is(database: Database, tmp_path: Path) -> None:
    store = SqlStore(database, passwords=cheap_passwords())
    register_patient(store, patient(), pharmacist(store))
    made = daily_backup.take_daily_backup(database.path, tmp_path / "backups", now=NOON)
    assert made is not None
    register_patient(store, patient("MRN-2002", "Later", "Lee"), pharmacist(store))
    path = database.path
    database.close()
    restore(made, path)
    assert _patients(path) == [("MRN-1001",)]
