"""`ino-desk --reset-settings` forgets window layout and preferences, keeping a backup."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import CliRunner

# A child process reads and writes the settings the way the app does, in run_cli's folders.
_SETTINGS_SCRIPT = """
import json, sys
from PySide6.QtCore import QSettings
from ino_desk.ui.shell.startup import APPLICATION, ORGANIZATION
s = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
for pair in sys.argv[1:]:
    key, value = pair.split("=", 1)
    s.setValue(key, value)
s.sync()
print(json.dumps({k: s.value(k) for k in s.allKeys()}))
"""


def _settings(tmp_path: Path, *pairs: str) -> dict[str, str]:
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [sys.executable, "-c", _SETTINGS_SCRIPT, *pairs],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    values: dict[str, str] = json.loads(result.stdout)
    return values


def test_reset_clears_saved_settings_and_keeps_a_dated_backup(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    before = _settings(tmp_path, "mainWindow/geometry=800x600", "labelViewer/zoom=125")
    assert before == {"mainWindow/geometry": "800x600", "labelViewer/zoom": "125"}

    result = run_cli("--reset-settings")

    assert result.returncode == 0, result.stderr
    assert _settings(tmp_path) == {}
    assert "2 values cleared" in result.stdout
    backups = list((tmp_path / "config" / "ino-desk").glob("ino-desk-settings-before-reset-*.ini"))
    assert len(backups) == 1
    assert str(backups[0]) in result.stdout
    backup_text = backups[0].read_text()
    assert "geometry=800x600" in backup_text
    assert "zoom=125" in backup_text


def test_reset_with_nothing_saved_says_so_and_writes_no_backup(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    result = run_cli("--reset-settings")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ino-desk: no saved settings to reset")
    assert not list(tmp_path.rglob("*before-reset*"))


def test_reset_with_a_command_is_refused_in_one_line(run_cli: CliRunner) -> None:
    result = run_cli(
        "--reset-settings", "dose", "--height-cm", "170", "--weight-kg", "75", "--cycle", "1"
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "ino-desk: error: --reset-settings runs alone; run the command again without it\n"
    )
