"""First run: the welcome screen on an empty database, demo data on request, never again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ino_desk import app
from ino_desk.domain.patients.patient import Patient, Sex
from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.admin import SqlDatabaseAdmin
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.store_errors import ConflictError
from ino_desk.ui.shell import crash_dialog
from ino_desk.ui.shell.application import offer_first_run
from ino_desk.ui.shell.crash_dialog import CrashDialog
from ino_desk.ui.shell.main_window import MainWindow
from ino_desk.ui.shell.welcome_dialog import DataLocations, WelcomeDialog
from tests.packaging.test_crash_dialog import isolated_app
from tests.people import pharmacist

__all__ = ["isolated_app"]  # a fixture, used by name

WHERE = DataLocations("/data/ino-desk.sqlite3", "/data/backups", "/state/log")


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "first-run.ini"), QSettings.Format.IniFormat)


@pytest.mark.parametrize("demo", [True, False])
def test_empty_database_welcomes_once_and_offers_demo_data(
    demo: bool,
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    db_path: Path,
    tmp_path: Path,
    rules: ClinicalRules,
) -> None:
    window = make_window(store, signed_in=False)
    admin = SqlDatabaseAdmin(db_path, tmp_path / "backups")
    shown: list[WelcomeDialog] = []

    def answer(dialog: WelcomeDialog) -> None:
        qtbot.addWidget(dialog)
        shown.append(dialog)
        (dialog.demo_button if demo else dialog.start_button).click()

    settings = _settings(tmp_path)
    added = offer_first_run(window, settings, WHERE, lambda n: admin.fill_demo(rules, n, 1), answer)
    assert len(shown) == 1
    text = shown[0].locations.text()
    for path in (WHERE.database, WHERE.backups, WHERE.logs):
        assert path in text
    assert f"revision {rules.info.revision}" in shown[0].label.text()
    assert "clearly fictional" in shown[0].demo_note.text()
    assert not shown[0].demo_button.isHidden()
    window.patients.search.setText("DEMO")
    window.patients.run_search()
    if demo:
        assert added == 100
        assert window.patients.model.rowCount() == 50  # the first page of 100
    else:
        assert added == 0
        assert window.patients.model.rowCount() == 0
    # Dismissed once: never shown again on this workstation, empty database or not.
    assert offer_first_run(window, _settings(tmp_path), WHERE, None, answer) == 0
    assert len(shown) == 1


def test_a_database_with_patients_is_never_welcomed(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore, tmp_path: Path
) -> None:
    register_patient(
        store,
        Patient("MRN-9", "Real", "Pat", date(1980, 1, 1), Sex.FEMALE, True, "", "ALL"),
        pharmacist(store),
    )
    window = make_window(store)
    asked: list[WelcomeDialog] = []
    assert offer_first_run(window, _settings(tmp_path), WHERE, None, asked.append) == 0
    assert asked == []


def test_a_database_with_users_is_never_welcomed_nor_filled_with_demo_data(
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    db_path: Path,
    tmp_path: Path,
    rules: ClinicalRules,
) -> None:
    window = make_window(store)  # its user exists; no patient yet
    asked: list[WelcomeDialog] = []
    assert offer_first_run(window, _settings(tmp_path), WHERE, None, asked.append) == 0
    assert asked == []
    admin = SqlDatabaseAdmin(db_path, tmp_path / "backups")
    with pytest.raises(ConflictError, match="has user accounts"):
        admin.fill_demo(rules, 3, 1)


def test_without_a_demo_filler_no_demo_is_offered(qtbot: QtBot, rules: ClinicalRules) -> None:
    dialog = WelcomeDialog(rules.info, WHERE, None)
    qtbot.addWidget(dialog)
    assert dialog.demo_button.isHidden()
    assert dialog.demo_note.isHidden()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_refused_database_at_start_shows_a_readable_dialog(
    qtbot: QtBot, isolated_app: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    seen: list[CrashDialog] = []

    def shown(dialog: CrashDialog) -> int:
        # Record the real dialog instead of a modal loop: an earlier test's quit request
        # would end a nested loop at once and hide whether the dialog was shown.
        qtbot.addWidget(dialog)
        seen.append(dialog)
        return 0

    monkeypatch.setattr(CrashDialog, "exec", shown)
    assert app.main(["--db", str(path)]) == 4  # EXIT_DATABASE
    assert len(seen) == 1
    summary = seen[0].findChild(QLabel, "crashSummary")
    assert summary is not None
    assert summary.text() == crash_dialog.DATABASE_REFUSED[0]
    assert "is not an ino-desk database" in seen[0].details_view.toPlainText()
    assert path.read_bytes() == b"not a database at all" * 100  # untouched
