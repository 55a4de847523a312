"""The real desktop app, in a child process: it logs its first window and closes on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_gui_shows_its_window_then_closes_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(SRC))
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
    log = tmp_path / "xdg_state_home" / "ino-desk" / "log" / "ino-desk.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "ino_desk"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if log.is_file() and "(mainWindow) shown" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.05)
        assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    text = log.read_text(encoding="utf-8")
    # The start window first (before the database opens), then the workstation replaces it.
    assert "first window shown after" in text
    assert text.index("startWindow") < text.index("workstation window (mainWindow) shown after")
    assert "crashDialog" not in text
    assert "desktop application closed (exit status 0)" in text


# A start-up question asked in its own loop before the main loop runs, as a first-run offer
# does: SIGTERM must still end the process, not leave it in app.exec() with no window.
_MODAL_BEFORE_MAIN_LOOP = """
import logging, sys, time
from PySide6.QtWidgets import QMainWindow, QMessageBox
from ino_desk.logging_setup import configure_logging
from ino_desk.ui.shell.startup import prepare_application
configure_logging()
app = prepare_application(time.monotonic())
window = QMainWindow()
window.setObjectName("mainWindow")
window.show()
QMessageBox.question(window, "first run", "Add demo data?")
sys.exit(app.exec())
"""


def test_sigterm_during_a_question_before_the_main_loop_still_ends_the_app(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(SRC))
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    log = tmp_path / "state" / "ino-desk" / "log" / "ino-desk.log"
    process = subprocess.Popen(
        [sys.executable, "-c", _MODAL_BEFORE_MAIN_LOOP],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if log.is_file() and "first window shown" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.05)
        assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "QMessageBox" in log.read_text(encoding="utf-8")


def test_without_a_display_the_app_says_so_in_one_line(tmp_path: Path) -> None:
    # Over SSH there is no X11 or Wayland: Qt would abort with its own plugin message.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    env["PYTHONPATH"] = str(SRC)
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    result = subprocess.run(
        [sys.executable, "-m", "ino_desk"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("ino-desk: cannot start the desktop application: no display")
