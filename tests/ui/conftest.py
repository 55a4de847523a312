"""GUI fixtures: a real SQLite store in a temporary folder and a window built on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.sqlite.sqlite_engine import Database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.ui.shell.application import build_window, label_placeholder
from ino_desk.ui.shell.main_window import MainWindow
from tests.people import cheap_passwords, pharmacist
from tests.templates import from_template

PHARMACIST = "pharm.a"  # the user name every GUI test works under
SMALL = QSize(1024, 600)
SCALED = QSize(1280, 800)  # a 1920×1200 screen at 1.5×


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite3"


@pytest.fixture
def open_store(db_path: Path, template_database: Path) -> Iterator[Callable[[], SqlStore]]:
    opened: list[Database] = []

    def open_it() -> SqlStore:
        database = open_database(from_template(template_database, db_path))
        opened.append(database)
        return SqlStore(database, passwords=cheap_passwords())

    yield open_it
    for database in opened:
        database.close()


@pytest.fixture
def store(open_store: Callable[[], SqlStore]) -> SqlStore:
    return open_store()


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes would block a test; record their text instead."""
    shown: list[str] = []

    def record(_parent: object, title: str, text: str, *args: object) -> int:
        shown.append(f"{title}: {text}")
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "critical", record)
    monkeypatch.setattr(QMessageBox, "information", record)
    return shown


@pytest.fixture
def make_window(
    qtbot: QtBot, tmp_path: Path, rules: ClinicalRules, message_boxes: list[str]
) -> Callable[[SqlStore], MainWindow]:
    def make(store: SqlStore, *, signed_in: bool = True, now: datetime | None = None) -> MainWindow:
        """`now` fixes the desk's clock: a dose is given and its bag made on its own day."""
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        window = build_window(rules, store, "desk.sqlite3", settings, label_placeholder)
        if now is not None:
            window.desk.clock = lambda: now
        qtbot.addWidget(window)
        if signed_in:  # a new database has no user yet: the first run creates one
            window.desk.set_user(pharmacist(store, PHARMACIST))
        return window

    return make


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> None:
    """Windows remember their geometry in the default QSettings: a test's own folder, never
    the account running the tests."""
    folder = str(tmp_path / "qsettings")
    for form in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(form, QSettings.Scope.UserScope, folder)


# A room to lay a screen out in (issue 16): a 1024×600 screen, or text 1.5× larger (what
# QT_SCALE_FACTOR=1.5 does to text) on a 1280×800 window.
@pytest.fixture(params=["1024x600", "1.5x"])
def room(request: pytest.FixtureRequest) -> Iterator[QSize]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    if request.param == "1.5x":
        bigger = QFont(normal)
        bigger.setPointSizeF(normal.pointSizeF() * 1.5)
        app.setFont(bigger)
        yield SCALED
    else:
        yield SMALL
    app.setFont(normal)
