"""Migrations: empty to head, every earlier revision to head, and models equal migrations."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from ino_desk.persistence import migrate
from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.persistence.records import Base
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.sqlite.sqlite_engine import make_engine
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.store_errors import StoreUnavailableError
from tests.people import pharmacist
from tests.persistence.factories import file_digest, patient

if TYPE_CHECKING:
    from pathlib import Path


def test_revisions_form_one_line_from_r0001() -> None:
    revisions = migrate.known_revisions()
    assert revisions[0] == "r0001"
    assert revisions[-1] == migrate.head_revision()


def test_the_revision_chain_read_without_alembic_is_alembics() -> None:
    """Opening a database reads the chain from the migration files (no Alembic import);
    Alembic, which runs the migrations, must see the same chain."""
    walked = [r.revision for r in migrate.script_directory().walk_revisions()]
    assert migrate.known_revisions() == list(reversed(walked))
    assert migrate.head_revision() == migrate.script_directory().get_current_head()


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "site.sqlite3"
    open_database(path).close()
    code = (
        "import sys; from pathlib import Path; "
        "from ino_desk.persistence.sqlite.database import open_database; "
        f"open_database(Path({str(path)!r}), create=False).close(); "
        "assert 'alembic' not in sys.modules, 'alembic imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_empty_file_location_migrates_to_head(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        db.close()


def test_models_and_migrations_agree(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()


@pytest.mark.parametrize("revision", migrate.known_revisions()[:-1])
def test_each_earlier_revision_upgrades_to_head_keeping_data(
    revision: str, db_path: Path, tmp_path: Path
) -> None:
    engine = make_engine(db_path)
    with engine.execution_options(ino_desk_write=True).begin() as conn:
        migrate.upgrade(conn, revision)
    engine.dispose()
    # Data written at the old revision (patients exist from r0001 on) survives the upgrade.
    con = sqlite3.connect(db_path)
    con.execute(
        "INSERT INTO patients (mrn, mrn_key, name_key, family_name, given_name, date_of_birth, "
        "sex, no_known_allergies, allergies, diagnosis) VALUES ('OLD-1', 'old-1', 'old,pat', "
        "'Old', 'Pat', '1970-01-01', 'male', 1, '', '')"
    )
    con.commit()
    con.close()
    backups = tmp_path / "backups"
    db = open_database(db_path, backups_dir=backups)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            mrns = conn.exec_driver_sql("SELECT mrn FROM patients").scalars().all()
        assert mrns == ["OLD-1"]
        # The app took a backup before migrating, and that backup is at the old revision.
        taken = sorted(backups.glob("*-before-upgrade.sqlite3"))
        assert len(taken) == 1
        old = sqlite3.connect(taken[0])
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
        old.close()
    finally:
        db.close()


def test_a_newer_schema_is_refused_and_left_unchanged(db_path: Path) -> None:
    db = open_database(db_path)
    store = SqlStore(db)
    register_patient(store, patient(), pharmacist(store))
    db.close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = 'r9999'")
    con.commit()
    con.close()
    before = file_digest(db_path)
    with pytest.raises(StoreUnavailableError, match="newer version of ino-desk"):
        open_database(db_path)
    assert file_digest(db_path) == before


def test_migrated_database_verifies(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        store = SqlStore(db)
        register_patient(store, patient(), pharmacist(store))
        with db.engine.connect() as conn:
            assert verify_audit(conn).ok
    finally:
        db.close()
