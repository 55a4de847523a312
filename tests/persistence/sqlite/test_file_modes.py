"""Issue #14: every file ino-desk writes is 0600 and every folder it makes 0700, whatever the
umask (here the common 022), on real SQLite files. The new database itself:
test_file_mode.py."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from typing import TYPE_CHECKING

import pytest

from ino_desk.logging_setup import close_logging, configure_logging
from ino_desk.persistence import migrate
from ino_desk.persistence.backups import backup as backup_module
from ino_desk.persistence.backups.backup import backup_to, backup_to_folder, restore
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.sqlite.sqlite_engine import make_engine
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patients import register_patient
from tests.people import pharmacist
from tests.persistence.factories import patient

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _permissive_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _filled(path: Path) -> None:
    db = open_database(path)
    try:
        store = SqlStore(db)
        register_patient(store, patient(), pharmacist(store))
    finally:
        db.close()


def test_new_folders_for_the_database_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "desk.sqlite3"
    open_database(path).close()
    assert _mode(tmp_path / "a") == 0o700
    assert _mode(tmp_path / "a" / "b") == 0o700
    assert _mode(path) == 0o600


def test_backups_and_their_folder_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _filled(path)
    db = open_database(path)
    seen: list[int] = []
    real_link = backup_module.link_no_clobber

    def watching(temp: Path, target: Path) -> None:
        seen.append(_mode(temp))  # the .partial file, before it gets its name
        real_link(temp, target)

    try:
        with pytest.MonkeyPatch.context() as m:
            m.setattr(backup_module, "link_no_clobber", watching)
            one = backup_to(db, tmp_path / "one.sqlite3")
        rolling = backup_to_folder(db, tmp_path / "backups" / "deep", "start", keep=3)
    finally:
        db.close()
    assert seen == [0o600]
    assert _mode(one) == 0o600
    assert _mode(rolling) == 0o600
    assert _mode(tmp_path / "backups") == 0o700
    assert _mode(tmp_path / "backups" / "deep") == 0o700
    assert not list(tmp_path.rglob("*.partial*"))


def test_the_copy_before_an_upgrade_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    with engine.execution_options(ino_desk_write=True).begin() as conn:
        migrate.upgrade(conn, migrate.known_revisions()[0])
    engine.dispose()
    backups = tmp_path / "backups"
    open_database(path, backups_dir=backups).close()
    (copy,) = backups.glob("*-before-upgrade.sqlite3")
    assert _mode(copy) == 0o600
    assert _mode(backups) == 0o700


def test_restore_keeps_the_live_database_and_the_copy_aside_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "live.sqlite3"
    _filled(path)
    db = open_database(path)
    try:
        saved = backup_to(db, tmp_path / "saved.sqlite3")
    finally:
        db.close()
    saved.chmod(0o644)  # a backup copied in from elsewhere with a wide mode
    aside = restore(saved, path)
    assert aside is not None
    assert _mode(path) == 0o600
    assert _mode(aside) == 0o600
    assert not list(tmp_path.glob("*.partial*"))
    assert not list(tmp_path.glob("*.restoring*"))


def test_restore_over_a_damaged_database_keeps_its_raw_files_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "live.sqlite3"
    _filled(path)
    db = open_database(path)
    try:
        saved = backup_to(db, tmp_path / "saved.sqlite3")
    finally:
        db.close()
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # damaged
    path.chmod(0o644)
    aside = restore(saved, path)
    assert aside is not None
    assert _mode(aside) == 0o600
    assert _mode(path) == 0o600
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT count(*) FROM patients").fetchone() == (1,)
    finally:
        con.close()


def test_the_log_file_and_its_folder_are_owner_only_after_rotation(tmp_path: Path) -> None:
    folder = tmp_path / "state" / "log"
    log_file = configure_logging(folder)
    try:
        assert log_file is not None
        logger = logging.getLogger("ino_desk.test")
        logger.info("first record")
        assert _mode(log_file) == 0o600
        assert _mode(folder) == 0o700
        assert _mode(tmp_path / "state") == 0o700
        handler = next(
            h for h in logging.getLogger("ino_desk").handlers if hasattr(h, "doRollover")
        )
        handler.doRollover()  # type: ignore[attr-defined]
        logger.info("after rotation")
        rotated = sorted(folder.iterdir())
        assert len(rotated) == 2
        assert all(_mode(p) == 0o600 for p in rotated)
    finally:
        close_logging()
