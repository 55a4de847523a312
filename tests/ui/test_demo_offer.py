"""A new, empty database offers fictional demo data; saying yes fills it through the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.admin import SqlDatabaseAdmin
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.ui.application import offer_demo_data
from ino_desk.ui.main_window import MainWindow


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_demo_data_only_when_the_pharmacist_says_yes(
    answer: QMessageBox.StandardButton,
    monkeypatch: pytest.MonkeyPatch,
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    db_path: Path,
    tmp_path: Path,
    rules: ClinicalRules,
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: answer)
    window = make_window(store)
    admin = SqlDatabaseAdmin(db_path, tmp_path / "backups")
    added = offer_demo_data(window, lambda n: admin.fill_demo(rules, n, 1))
    window.patients.search.setText("DEMO")
    window.patients.run_search()
    if answer == QMessageBox.StandardButton.Yes:
        assert added == 100
        assert window.patients.model.rowCount() == 50  # the first page of 100
        assert window.patients.model.canFetchMore(window.patients.table.rootIndex())
    else:
        assert added == 0
        assert window.patients.model.rowCount() == 0
