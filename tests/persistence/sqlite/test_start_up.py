"""Starting the desktop app: refuse a bad file, migrate after a backup, show the window, and
only then take the day's backup (off the GUI thread, at most one a day)."""

from __future__ import annotations

import gzip
import sqlite3
from typing import TYPE_CHECKING

import pytest

from ino_desk import app
from ino_desk.persistence import migrate
from ino_desk.persistence.backups import daily_backup
from tests.persistence.old_revisions import old_database

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules

EARLIER_REVISION = migrate.known_revisions()[-2]


@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The databases a window opened on; the window runs `after_shown` once it is up (the
    real one on a worker thread, here in line so the test sees the order)."""
    opened: list[str] = []

    def fake_run_gui(
        rules: ClinicalRules,
        store: object,
        database_label: str,
        *rest: object,
        after_shown: Callable[[], None] | None = None,
        **kw: object,
    ) -> int:
        opened.append(database_label)
        if after_shown is not None:
            after_shown()
        return 0

    import ino_desk.ui.shell.application
    import ino_desk.ui.shell.start_window
    import ino_desk.ui.shell.startup

    monkeypatch.setattr(ino_desk.ui.shell.application, "run_gui", fake_run_gui)
    # The window is not the subject here: no QApplication set-up either.
    monkeypatch.setattr(ino_desk.ui.shell.startup, "prepare_application", lambda started_at: None)
    # Nor the start window (a QApplication may exist already: other tests in this process).
    monkeypatch.setattr(ino_desk.ui.shell.start_window, "show_start_window", lambda: None)
    monkeypatch.setattr(ino_desk.ui.shell.startup, "display_available", lambda: True)
    return opened


@pytest.fixture
def start_problems(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The crash dialog is modal: record its summary instead of waiting for a click."""
    import ino_desk.ui.shell.crash_dialog

    shown: list[str] = []

    def record(message: tuple[str, str], _log: object, details: str) -> None:
        shown.append(f"{message[0]} | {details}")

    monkeypatch.setattr(ino_desk.ui.shell.crash_dialog, "show_crash_dialog", record)
    return shown


def test_the_days_backup_is_taken_once_after_the_window_is_up(
    no_window: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "site.sqlite3"
    backups = tmp_path / "site.sqlite3-backups"
    events: list[str] = []
    real = daily_backup.take_daily_backup

    def observed(db_path: Path, folder: Path) -> Path | None:
        events.append(f"backup after {len(no_window)} window(s)")
        return real(db_path, folder)

    monkeypatch.setattr(daily_backup, "take_daily_backup", observed)
    for _ in range(4):
        assert app.main(["--db", str(path)]) == 0
    assert no_window == [str(path)] * 4
    assert events == [f"backup after {n} window(s)" for n in (1, 2, 3, 4)]  # never before one
    made = daily_backup.daily_backups(backups)
    assert len(made) == 1  # one a day, whatever the number of starts
    assert not list(backups.glob("*.sqlite3"))  # no uncompressed start-up copies any more
    with gzip.open(made[0]) as packed:
        assert packed.read(16) == b"SQLite format 3\x00"
    # the audit head goes to the anchor log at the day's backup and at each close
    log = (backups / "audit-anchors.log").read_text().splitlines()
    assert [line.split(" ", 2)[2].split()[0] for line in log] == ["backup", "app"] + ["app"] * 3


def test_an_older_database_is_backed_up_before_it_is_migrated_then_the_window_opens(
    no_window: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = old_database(tmp_path / "old.sqlite3", EARLIER_REVISION)
    backups = tmp_path / "old.sqlite3-backups"
    monkeypatch.setattr(daily_backup, "backup_after_start", lambda *_: None)
    assert app.main(["--db", str(path)]) == 0
    before = list(backups.glob("*-before-upgrade.sqlite3"))
    assert len(before) == 1
    con = sqlite3.connect(before[0])
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
            EARLIER_REVISION,
        )
    finally:
        con.close()
    assert no_window == [str(path)]


def test_a_bad_file_stops_before_any_window(
    no_window: list[str],
    start_problems: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    assert app.main(["--db", str(path)]) == 4
    assert "is not an ino-desk database" in capsys.readouterr().err
    assert no_window == []
    # ...but with a readable dialog, not only a line on a terminal nobody sees.
    assert len(start_problems) == 1
    assert start_problems[0].startswith("ino-desk cannot open its database.")
    assert "is not an ino-desk database" in start_problems[0]


def test_a_database_that_cannot_be_opened_starts_on_the_downtime_snapshot(
    no_window: list[str],
    start_problems: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "site.sqlite3"
    assert app.main(["--db", str(path), "demo", "--patients", "3", "--seed", "1"]) == 0
    assert app.main(["--db", str(path), "downtime", "snapshot"]) == 0
    # What a lost server looks like for now: opening the database is refused.
    path.write_bytes(b"the share returned garbage" * 100)
    assert app.main(["--db", str(path)]) == 0
    assert len(no_window) == 1
    assert no_window[0].startswith("downtime snapshot ")
    assert start_problems == []


def test_a_network_share_is_refused_even_with_a_snapshot(
    no_window: list[str],
    start_problems: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ino_desk.persistence.sqlite import network_filesystems

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "share" / "site.sqlite3"
    path.parent.mkdir()
    assert app.main(["--db", str(path), "demo", "--patients", "3", "--seed", "1"]) == 0
    assert app.main(["--db", str(path), "downtime", "snapshot"]) == 0
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        f"1 0 8:1 / / rw - ext4 /dev/sda rw\n2 1 0:9 / {path.parent} rw - nfs4 srv:/p rw\n"
    )
    monkeypatch.setattr(network_filesystems, "MOUNTINFO", mountinfo)
    assert app.main(["--db", str(path)]) == 4
    assert no_window == []
    assert len(start_problems) == 1
    assert "network filesystem (nfs4 from srv:/p)" in start_problems[0]
