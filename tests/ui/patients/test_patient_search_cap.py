"""Patient search past the store's cap: the list pages up to it, then says how to narrow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex

from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.admin import SqlDatabaseAdmin
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.queries import MAX_ROWS
from ino_desk.ui.shell.main_window import MainWindow


def test_scrolling_to_the_cap_says_how_to_narrow(
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    db_path: Path,
    tmp_path: Path,
    rules: ClinicalRules,
) -> None:
    SqlDatabaseAdmin(db_path, tmp_path / "backups").fill_demo(rules, MAX_ROWS + 100, 1)
    window = make_window(store)
    view = window.patients
    view.search.setText("DEMO")
    view.run_search()
    assert "scroll for more" in view.status.text()
    pages = 0
    while view.model.canFetchMore(QModelIndex()):
        view.model.fetchMore(QModelIndex())  # what the table does as the user scrolls
        pages += 1
        assert pages < 100  # paging must end
    assert view.model.rowCount() == MAX_ROWS  # 600 match; the cap of 500 is kept
    status = view.status.text()
    assert f"first {MAX_ROWS} matches" in status
    assert "Type more to narrow" in status
    # Narrowing by the MRN finds the one patient, whether or not it was among the 500.
    view.search.setText("DEMO0000599")
    view.run_search()
    assert view.model.rowCount() == 1
    assert view.status.text() == "1 patient found."
