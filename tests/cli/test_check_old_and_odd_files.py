"""Issue #14: `db check` and `audit verify` never crash and never write to the file they check.

Older schema revisions (every before-upgrade backup), an empty SQLite database and text that
is not UTF-8 each get a plain report and exit 0 or 1, never 70; the file's bytes are the same
afterwards and nothing appears beside it.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence import migrate
from tests.cli.inprocess import cli
from tests.persistence.factories import file_digest
from tests.persistence.old_revisions import EARLIER, old_database

if TYPE_CHECKING:
    from pathlib import Path

    from tests.cli.inprocess import InProcessCli

__all__ = ["cli"]
# `db check` on old and odd SQLite files.
pytestmark = pytest.mark.sqlite_only
HEAD = migrate.head_revision()


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "files"  # apart from the log folder
    folder.mkdir()
    return folder


def _untouched(cli: InProcessCli, path: Path, *argv: str) -> tuple[int, str]:
    """Run a command on `path`; the file keeps its bytes and no file appears beside it."""
    before, beside = file_digest(path), sorted(path.parent.iterdir())
    done = cli("--db", str(path), *argv)
    assert file_digest(path) == before
    assert sorted(path.parent.iterdir()) == beside
    assert "internal error" not in done.err
    assert done.code in (0, 1, 4), done
    return done.code, done.out + done.err


@pytest.mark.parametrize("revision", EARLIER)
def test_an_older_revision_is_checked_on_a_migrated_copy(
    cli: InProcessCli, tmp_path: Path, revision: str
) -> None:
    path = old_database(_folder(tmp_path) / "old.sqlite3", revision)
    code, text = _untouched(cli, path, "db", "check")
    assert code == 0, text
    assert (
        f"schema: ok - database at revision {revision}; this ino-desk is at {HEAD}: checked "
        "after migrating a temporary copy (the file itself was not changed)"
    ) in text
    assert "audit trail: ok - 1 events, 1 rows match" in text
    code, text = _untouched(cli, path, "audit", "verify")
    assert code == 0, text
    assert text.splitlines() == [
        f"database at revision {revision}; this ino-desk is at {HEAD}: verified after migrating "
        "a temporary copy (the file itself was not changed)",
        "audit trail intact: 1 events; 1 rows match their last audited state",
        "1 events and 0 signatures unsigned (before r0016)",
    ]
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)


@pytest.mark.parametrize("revision", EARLIER[::3])
def test_a_changed_row_in_an_older_revision_is_reported(
    cli: InProcessCli, tmp_path: Path, revision: str
) -> None:
    path = old_database(_folder(tmp_path) / "old.sqlite3", revision)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE patients SET family_name = 'Changed'")
    con.close()
    code, text = _untouched(cli, path, "audit", "verify")
    assert code == 1
    assert "audit trail BROKEN: patients row 1 differs from its last audited state" in text


def test_an_empty_sqlite_database_is_reported_and_not_switched_to_wal(
    cli: InProcessCli, tmp_path: Path
) -> None:
    path = _folder(tmp_path) / "empty.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("DROP TABLE t")
    con.close()
    assert path.stat().st_size > 0
    code, text = _untouched(cli, path, "db", "check")
    assert code == 1
    assert "schema: FAILED - the file holds no ino-desk tables: it is an empty SQLite" in text
    assert "readable: ok - 0 tables, 0 rows read" in text
    code, text = _untouched(cli, path, "audit", "verify")
    assert code == 1
    assert text.startswith("audit trail BROKEN: not verified: the file holds no ino-desk tables")
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_text_that_is_not_utf8_is_reported_by_row_and_column(
    cli: InProcessCli, tmp_path: Path
) -> None:
    path = _folder(tmp_path) / "desk.sqlite3"
    assert cli("--db", str(path), "demo", "--patients", "2", "--seed", "1").code == 0
    con = sqlite3.connect(path)
    con.execute("UPDATE patients SET family_name = CAST(X'41FF42' AS TEXT) WHERE id = 2")
    con.execute("UPDATE audit_events SET reason = CAST(X'C1' AS TEXT) WHERE seq = 1")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    code, text = _untouched(cli, path, "audit", "verify")
    assert code == 1
    assert text.startswith(
        "audit trail BROKEN: audit event #1 holds text that is not valid UTF-8 (reason): "
        "changed outside ino-desk"
    )
    assert "patients row 2 holds text that is not valid UTF-8 (family_name)" in text
    code, text = _untouched(cli, path, "db", "check")
    assert code == 1
    assert "audit trail: FAILED - audit event #1 holds text that is not valid UTF-8" in text
    assert "\ufffd" not in text
    assert "\\udc" not in text


def test_a_live_database_with_a_wal_is_read_without_changing_it(
    cli: InProcessCli, tmp_path: Path
) -> None:
    path = _folder(tmp_path) / "desk.sqlite3"
    assert cli("--db", str(path), "demo", "--patients", "2", "--seed", "1").code == 0
    holder = sqlite3.connect(path)  # another window keeps it open, with writes in its -wal
    holder.execute("UPDATE site_settings SET id = id")
    holder.commit()
    try:
        code, text = _untouched(cli, path, "db", "check")
        assert code == 0, text
    finally:
        holder.close()
