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
        rules: ClinicalRules, store: object, database_label: str, *rest: object
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
    assert not list(backups.glob("*.sqlite3"))
    for _ in range(12):
        assert app.main(["--db", str(path)]) == 0
    kept = sorted(backups.glob("*-start.sqlite3"))
    assert len(kept) == 10  # the newest ten
    # the audit head goes to the anchor log at each start's backup and at each close
    log = (backups / "audit-anchors.log").read_text().splitlines(keepends=True)
    reasons = [line.split(" ", 2)[2] for line in log]
    assert [r.split()[0] for r in reasons] == ["app"] + ["backup", "app"] * 12
    assert reasons[0] == "app closed\n"
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
