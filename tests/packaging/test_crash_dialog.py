"""A failed start shows a readable dialog naming the log file, instead of vanishing."""

from __future__ import annotations

import signal
import sys
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from ino_desk import app
from ino_desk.label.pack import LabelPackError
from ino_desk.logging_setup import close_logging
from ino_desk.ui.shell import application, crash_dialog
from ino_desk.ui.shell.crash_dialog import NO_LOG_FILE, START_FAILED, CrashDialog

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot


def test_dialog_states_the_problem_and_the_log_file(qtbot: QtBot, tmp_path: Path) -> None:
    log_file = tmp_path / "log" / "ino-desk.log"
    dialog = CrashDialog("It broke.", "Send the log.", log_file, "Traceback: boom")
    qtbot.addWidget(dialog)
    assert str(log_file) in dialog.log_label.text()
    assert dialog.open_folder_button.isEnabled()
    assert dialog.details_view.isHidden()  # a traceback only on request
    dialog.details_button.click()
    assert not dialog.details_view.isHidden()
    assert dialog.details_view.toPlainText() == "Traceback: boom"


def test_copy_details_puts_summary_log_path_and_details_on_the_clipboard(
    qtbot: QtBot, tmp_path: Path
) -> None:
    log_file = tmp_path / "ino-desk.log"
    dialog = CrashDialog("It broke.", "Send the log.", log_file, "Traceback: boom\n")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == (
        f"It broke.\nLog file: {log_file}\n\nTraceback: boom\n"
    )


def test_without_a_log_file_the_dialog_says_so(qtbot: QtBot) -> None:
    dialog = CrashDialog("It broke.", "Send the log.", None, "details")
    qtbot.addWidget(dialog)
    assert dialog.log_label.text() == NO_LOG_FILE
    assert not dialog.open_folder_button.isEnabled()


@pytest.fixture
def isolated_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """app.main with its own user folders; restores the process-wide hooks it changes."""
    for name in ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    hook = sys.excepthook
    yield tmp_path / "xdg_state_home" / "ino-desk" / "log" / "ino-desk.log"
    close_logging()
    sys.excepthook = hook
    for signum, handler in handlers.items():
        signal.signal(signum, handler)


def _close_crash_dialog_when_shown(seen: list[CrashDialog]) -> None:
    """The dialog is modal: look for it once the nested event loop runs, then close it."""

    def close() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)]
        visible = [d for d in dialogs if d.isVisible()]
        if not visible:
            QTimer.singleShot(20, close)
            return
        seen.append(visible[0])
        visible[0].close_button.click()

    QTimer.singleShot(0, close)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_crash_while_building_the_window_shows_the_dialog_and_logs_the_traceback(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    isolated_app: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken_gui(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("main window could not be built")

    monkeypatch.setattr(application, "run_gui", broken_gui)
    seen: list[CrashDialog] = []
    _close_crash_dialog_when_shown(seen)

    code = app.main([])

    assert code == 70  # EXIT_INTERNAL
    assert len(seen) == 1
    dialog = seen[0]
    assert dialog.findChild(QLabel, "crashSummary").text() == START_FAILED[0]
    assert str(isolated_app) in dialog.log_label.text()
    assert "RuntimeError: main window could not be built" in dialog.details_view.toPlainText()
    log_text = isolated_app.read_text(encoding="utf-8")
    assert "the desktop application failed to start" in log_text
    assert "RuntimeError: main window could not be built" in log_text
    assert str(isolated_app) in capsys.readouterr().err  # the terminal names the file too


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_refused_label_pack_shows_the_label_pack_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, isolated_app: Path
) -> None:
    def refused(*_args: object) -> object:
        raise LabelPackError("constants.toml: checksum does not match SHA256SUMS")

    monkeypatch.setattr("ino_desk.label.pack.load_pack", refused)
    seen: list[CrashDialog] = []
    _close_crash_dialog_when_shown(seen)

    code = app.main([])

    assert code == 3  # EXIT_LABEL_PACK
    summary = seen[0].findChild(QLabel, "crashSummary").text()
    assert summary == crash_dialog.LABEL_PACK_REFUSED[0]
    assert "checksum does not match" in seen[0].details_view.toPlainText()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_an_error_in_a_slot_is_logged_and_shown_without_closing_the_app(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, isolated_app: Path
) -> None:
    summaries: list[str] = []

    def gui_with_a_failing_action(*_args: object, **_kwargs: object) -> int:
        window = QMainWindow()
        window.show()

        def failing_slot() -> None:
            raise ValueError("the last action failed")

        # A local event loop stands in for QApplication.exec(): quitting the application
        # itself would leave later tests' modal dialogs returning at once.
        loop = QEventLoop()

        def check_and_quit() -> None:
            for dialog in QApplication.topLevelWidgets():
                if isinstance(dialog, CrashDialog) and dialog.isVisible():
                    summaries.append(dialog.findChild(QLabel, "crashSummary").text())
                    dialog.close_button.click()  # deletes it: WA_DeleteOnClose
            loop.quit()

        QTimer.singleShot(0, failing_slot)
        QTimer.singleShot(200, check_and_quit)
        code = loop.exec()
        window.close()
        return code

    monkeypatch.setattr(application, "run_gui", gui_with_a_failing_action)
    code = app.main([])

    assert code == 0  # the app went on running until it was asked to quit
    assert summaries == [crash_dialog.UNEXPECTED_ERROR[0]]
    assert "ValueError: the last action failed" in isolated_app.read_text(encoding="utf-8")
