"""The label viewer's search box and ranked result list (instant, keyboard-driven)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ino_desk.ui.common.palette import colours_for
from ino_desk.ui.common.typing_compat import override

if TYPE_CHECKING:
    from ino_desk.label.search import LabelSearch, SearchHit

KEY_ROLE = Qt.ItemDataRole.UserRole


def _snippet_html(hit: SearchHit) -> str:
    return "".join(f"<b>{escape(t)}</b>" if matched else escape(t) for t, matched in hit.parts)


class LabelSearchPanel(QWidget):
    """Searches as the user types; Enter or a chosen result emits `hit_chosen(key, query)`."""

    hit_chosen = Signal(str, str)
    dismissed = Signal()  # Escape: the query was cleared, focus should go back to reading

    def __init__(self, index: LabelSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._index = index
        self._hits: list[SearchHit] = []
        self.search_box = QLineEdit()
        self.search_box.setObjectName("labelSearch")
        self.search_box.setPlaceholderText(self.tr("Search the label (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self.tr("Search the label"))
        self.search_box.textChanged.connect(self.search)
        self.search_box.installEventFilter(self)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(lambda item: self.choose(self.results.row(item)))
        self.search_box.returnPressed.connect(self._enter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self._show_results(False)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _show_results(self, visible: bool) -> None:
        self.results.setVisible(visible)
        self.status.setVisible(visible)

    def search(self, text: str) -> list[SearchHit]:
        """Ranked sections with a snippet each, best first; the list is rebuilt every key."""
        typed = text.strip()
        self._hits = self._index.search(text) if typed else []
        self.results.clear()
        self._show_results(bool(typed))
        width = max(self.results.viewport().width() - 4, 160)
        muted = colours_for(self).muted
        for hit in self._hits:
            number = hit.key if hit.key[:1].isdigit() else ""
            label = QLabel(
                self.tr('<b>{0} {1}</b><br><span style="color:{2}">{3}</span>').format(
                    escape(number), escape(hit.title), muted, _snippet_html(hit)
                )
            )
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 3, 4, 3)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            item = QListWidgetItem()
            item.setData(KEY_ROLE, hit.key)
            item.setToolTip(hit.snippet("", ""))
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
            item.setSizeHint(QSize(width, label.heightForWidth(width)))
        if self._hits:
            self.results.setCurrentRow(0)
            count = len(self._hits)
            plural = "s" if count != 1 else ""
            self.status.setText(
                self.tr("{0} section{1} — Enter opens the best match").format(count, plural)
            )
        elif typed:
            self.status.setText(self.tr("No section mentions “{0}”.").format(typed))
        return list(self._hits)

    def _enter(self) -> None:
        self.choose(max(self.results.currentRow(), 0))

    def choose(self, row: int) -> None:
        if 0 <= row < len(self._hits):
            self.hit_chosen.emit(self._hits[row].key, self.search_box.text())

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_box
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.search_box.clear()
                self.dismissed.emit()
                return True
        return super().eventFilter(watched, event)
