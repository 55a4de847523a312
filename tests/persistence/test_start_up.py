"""Starting the desktop app opens the database first: migrate, then rolling backups."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ino_desk import app

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules


@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []

    def fake_run_gui(
        rules: ClinicalRules, store: object, database_label: str, *rest: object, **kw: object
    ) -> int:
        opened.append(database_label)
        return 0

    import ino_desk.ui.application
    import ino_desk.ui.startup

    monkeypatch.setattr(ino_desk.ui.application, "run_gui", fake_run_gui)
    # The window is not the subject here: no QApplication set-up either.
    monkeypatch.setattr(ino_desk.ui.startup, "prepare_application", lambda started_at: None)
    monkeypatch.setattr(ino_desk.ui.startup, "display_available", lambda: True)
    return opened


@pytest.fixture
def start_problems(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The crash dialog is modal: record its summary instead of waiting for a click."""
    import ino_desk.ui.crash_dialog

    shown: list[str] = []

    def record(message: tuple[str, str], _log: object, details: str) -> None:
        shown.append(f"{message[0]} | {details}")

    monkeypatch.setattr(ino_desk.ui.crash_dialog, "show_crash_dialog", record)
    return shown


def test_each_start_takes_a_rolling_backup(no_window: list[str], tmp_path: Path) -> None:
    path = tmp_path / "site.sqlite3"
    backups = tmp_path / "site.sqlite3-backups"
    assert app.main(["--db", str(path)]) == 0  # creates and migrates: nothing to back up yet
    assert not backups.exists() or not list(backups.iterdir())
    for _ in range(12):
        assert app.main(["--db", str(path)]) == 0
    kept = sorted(backups.glob("*-start.sqlite3"))
    assert len(kept) == 10  # the newest ten
    assert no_window == [str(path)] * 13


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
    from ino_desk.persistence import network_filesystems

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
