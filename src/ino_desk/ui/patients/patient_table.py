"""Paged table model over the store's patient search (MRN or name prefix)."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt

from ino_desk.ui.common.column_table import AnyIndex, ColumnTableModel
from ino_desk.ui.common.typing_compat import override

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.services.ports.store import PatientRow


class PatientColumn(IntEnum):
    MRN = 0
    FAMILY = 1
    GIVEN = 2
    BIRTH = 3


_HEADERS: dict[Any, Any] = {  # marked for translation, translated when shown
    PatientColumn.MRN: QT_TRANSLATE_NOOP("PatientTableModel", "MRN"),
    # Short headers: beside an open patient the list is narrow, and cut headers read badly.
    PatientColumn.FAMILY: QT_TRANSLATE_NOOP("PatientTableModel", "Family"),
    PatientColumn.GIVEN: QT_TRANSLATE_NOOP("PatientTableModel", "Given"),
    PatientColumn.BIRTH: QT_TRANSLATE_NOOP("PatientTableModel", "Born"),
}


def _value(row: PatientRow, column: PatientColumn) -> str:
    match column:
        case PatientColumn.MRN:
            return row.mrn
        case PatientColumn.FAMILY:
            return row.family_name
        case PatientColumn.GIVEN:
            return row.given_name
        case PatientColumn.BIRTH:
            return row.date_of_birth.isoformat()


class PatientTableModel(ColumnTableModel):
    """Holds only the rows fetched so far; scrolling asks for the next page (`fetchMore`)."""

    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self, fetch: Callable[[str, int], list[PatientRow]], page_size: int, max_rows: int
    ) -> None:
        super().__init__(
            [QCoreApplication.translate("PatientTableModel", _HEADERS[c]) for c in PatientColumn]
        )
        self._fetch = fetch
        self._page = page_size
        self._max = max_rows
        self._text = ""
        self._rows: list[PatientRow] = []
        self._exhausted = True
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._fetching = False

    @property
    def query(self) -> str:
        return self._text

    @property
    def truncated(self) -> bool:
        """True when the store's row limit was reached: the user should type more."""
        return len(self._rows) >= self._max

    def set_query(self, text: str) -> None:
        self._fetching = True  # no paging while the reset is under way
        try:
            self.beginResetModel()
            self._text = text.strip()
            self._rows = []
            self._exhausted = not self._text
            if self._text:
                self._load(self._page)
            self.endResetModel()
        finally:
            self._fetching = False

    def _load(self, limit: int) -> None:
        limit = min(limit, self._max)
        rows = self._fetch(self._text, limit)
        self._exhausted = len(rows) < limit or limit >= self._max
        self._rows = rows
        if self._sort is not None:
            self._apply_sort(*self._sort)

    def row_at(self, row: int) -> PatientRow:
        return self._rows[row]

    @override
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._fetching

    @override
    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetching:
            return
        self._fetching = True  # views and testers ask again while rows are being inserted
        try:
            self._fetch_next_page()
        finally:
            self._fetching = False

    def _fetch_next_page(self) -> None:
        # The store's query pages by limit: ask for one more page and append what is new.
        before = len(self._rows)
        rows = self._fetch(self._text, min(before + self._page, self._max))
        known = {r.id for r in self._rows}
        new = [r for r in rows if r.id not in known]
        self._exhausted = len(rows) < before + self._page or len(rows) >= self._max
        if not new:
            self._exhausted = True
            return
        self.beginInsertRows(QModelIndex(), before, before + len(new) - 1)
        self._rows.extend(new)
        self.endInsertRows()

    @override
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _value(row, PatientColumn(index.column()))
        if role == self.RowRole:
            return row
        return None

    @override
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts the rows fetched so far (the store returns them by name)."""
        if not 0 <= column < len(PatientColumn):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [(self._rows[i.row()].id, i.column()) for i in old]
        self._apply_sort(column, order)
        position = {r.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(old, [self.index(position[p], c) for p, c in ids])
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        col = PatientColumn(column)
        self._rows.sort(
            key=lambda r: (_value(r, col).casefold(), r.id),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    @override
    def _row_count(self) -> int:
        return len(self._rows)
