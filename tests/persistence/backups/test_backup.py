"""Backups are consistent while others write; restore checks first and swaps atomically."""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.persistence.backups.backup import backup_to, backup_to_folder, restore
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.store_errors import StoreError, StoreUnavailableError
from tests.people import pharmacist
from tests.persistence.factories import file_digest, patient
from tests.persistence.writers import fork_child, register_many

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.persistence.sqlite.sqlite_engine import Database


# About the SQLite file itself (its bytes, its backups): not run on a server database.
pytestmark = pytest.mark.sqlite_only


def _patients(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT mrn FROM patients ORDER BY mrn")]
    finally:
        con.close()


def test_backup_while_another_process_writes_is_consistent(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    pid = fork_child(lambda: register_many(db_path, "W", 300))
    backups = [backup_to(database, tmp_path / f"b{n}.sqlite3") for n in range(5)]
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    for b in backups:
        copy = open_database(b, upgrade=False, create=False)
        try:
            with copy.engine.connect() as conn:
                assert verify_audit(conn).ok
        finally:
            copy.close()
    counts = [len(_patients(b)) for b in backups]
    assert counts == sorted(counts)  # each later copy holds at least as much


def test_backup_refuses_to_overwrite(database: Database, tmp_path: Path) -> None:
    dest = tmp_path / "exists.sqlite3"
    dest.write_bytes(b"keep me")
    with pytest.raises(StoreError, match="already exists"):
        backup_to(database, dest)
    assert dest.read_bytes() == b"keep me"


def test_rolling_backups_keep_the_newest(database: Database, tmp_path: Path) -> None:
    folder = tmp_path / "rolling"
    made = [backup_to_folder(database, folder, "start", keep=3) for _ in range(5)]
    assert sorted(folder.glob("*.sqlite3")) == made[-3:]
    # every backup left its head in the anchor log, which rotation never touches
    assert len((folder / "audit-anchors.log").read_text().splitlines()) == 5


def test_restore_replaces_the_database_and_keeps_the_old_one_aside(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    store = SqlStore(database)
    register_patient(store, patient("BEFORE"), pharmacist(store))
    saved = backup_to(database, tmp_path / "saved.sqlite3")
    register_patient(store, patient("AFTER"), pharmacist(store))
    database.close()
    aside = restore(saved, db_path)
    assert _patients(db_path) == ["BEFORE"]
    assert aside is not None
    assert _patients(aside) == ["AFTER", "BEFORE"]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    store = SqlStore(database)
    register_patient(store, patient("KEEP"), pharmacist(store))
    database.close()
    before = file_digest(db_path)
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(os.urandom(10_000))
    with pytest.raises(StoreUnavailableError, match="not an ino-desk database"):
        restore(damaged, db_path)
    assert file_digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir() if "restor" in p.name) == []


def test_restore_refuses_a_backup_whose_audit_trail_is_broken(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    store = SqlStore(database)
    register_patient(store, patient("KEEP"), pharmacist(store))
    tampered = backup_to(database, tmp_path / "tampered.sqlite3")
    database.close()
    con = sqlite3.connect(tampered)
    con.execute("UPDATE patients SET family_name = 'Changed'")
    con.commit()
    con.close()
    before = file_digest(db_path)
    with pytest.raises(StoreUnavailableError, match="failed its check"):
        restore(tampered, db_path)
    assert file_digest(db_path) == before


def test_restore_while_the_database_is_open_elsewhere_is_refused(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    saved = backup_to(database, tmp_path / "saved.sqlite3")
    holder = sqlite3.connect(db_path)  # another window, still open, with unsaved WAL pages
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    store = SqlStore(database)
    register_patient(store, patient("LIVE"), pharmacist(store))
    try:
        with pytest.raises(StoreError, match="still open"):
            restore(saved, db_path)
    finally:
        holder.close()
    assert _patients(db_path) == ["LIVE"]
