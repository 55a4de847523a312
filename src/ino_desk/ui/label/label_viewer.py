"""The label viewer: section tree, searchable reading pane, pinned boxed warning, chart."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ino_desk.label.search import LabelSearch, SearchHit, query_terms
from ino_desk.label.text import LINK_SCHEME, header_text, section_text
from ino_desk.ui.common.palette import colours_for
from ino_desk.ui.common.tool_button import tool_button
from ino_desk.ui.common.typing_compat import override
from ino_desk.ui.common.window_memory import remember_splitter
from ino_desk.ui.label.adverse_reaction_chart import AdverseReactionChart
from ino_desk.ui.label.chart_splitter import CHART_SECTION, ChartSplitter
from ino_desk.ui.label.label_export import ask_and_export, export_section_pdf, print_section
from ino_desk.ui.label.label_highlight import highlight_terms
from ino_desk.ui.label.label_page import (
    DEFAULT_PT,
    MAX_PT,
    MIN_PT,
    ZOOM_KEY,
    boxed_banner_html,
    page_css,
    reading_html,
    stored_zoom,
    viewer_style,
)
from ino_desk.ui.label.label_search_panel import LabelSearchPanel
from ino_desk.ui.label.label_text_browser import LabelTextBrowser
from ino_desk.ui.label.section_tree import KEY_ROLE, SectionTree

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ino_desk.label.document import LabelDocument

START_SECTION = "1"


class LabelViewer(QWidget):
    """Shows one LabelDocument; readable before anyone signs in, no network, no patient data."""

    section_shown = Signal(str)

    def __init__(
        self,
        document: LabelDocument,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("labelViewer")
        self._document = document
        self._settings = settings if settings is not None else QSettings()
        started = time.perf_counter()
        self._index = LabelSearch(document)
        self.index_build_ms = (time.perf_counter() - started) * 1000
        self._current = ""
        self._font_pt = stored_zoom(self._settings)
        self._build()
        self.setStyleSheet(viewer_style(colours_for(self)))
        self._shortcuts()
        self._apply_zoom()
        self.show_section(START_SECTION)

    # ------------------------------------------------------------------ construction
    def _build(self) -> None:
        self.header = QLabel(header_text(self._document.info))
        self.header.setObjectName("labelHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.search_panel = LabelSearchPanel(self._index)
        self.search_panel.hit_chosen.connect(self._open_hit)
        self.search_panel.dismissed.connect(lambda: self.tree.setFocus())
        self.search_box = self.search_panel.search_box
        self.search_status = self.search_panel.status
        self.results = self.search_panel.results

        left = QWidget()
        self._left_layout = QVBoxLayout(left)
        self._left_layout.setContentsMargins(0, 0, 0, 0)
        self._left_layout.addWidget(self.search_panel, 0)
        self._left_layout.addWidget(self._build_tree(), 1)
        # Results share the column with the tree only while there is a query.
        self.search_box.textChanged.connect(
            lambda text: self._left_layout.setStretch(0, 2 if text.strip() else 0)
        )

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._build_reading())
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 750])
        self.splitter.setChildrenCollapsible(False)
        remember_splitter(self.splitter, "label_viewer/splitter", self._settings)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.header)

    def _build_tree(self) -> QTreeWidget:
        self.tree = SectionTree(self._document)
        self._items = self.tree.items
        self.tree.currentItemChanged.connect(self._tree_changed)
        return self.tree

    def _build_reading(self) -> QWidget:
        self.boxed_banner = QLabel(boxed_banner_html(self._document))
        self.boxed_banner.setObjectName("boxedWarning")
        self.boxed_banner.setWordWrap(True)
        self.boxed_banner.setTextFormat(Qt.TextFormat.RichText)
        self.boxed_banner.setAccessibleName(self.tr("Boxed warning"))
        self.boxed_banner.linkActivated.connect(self._open_link_text)

        self.browser = LabelTextBrowser()
        self.browser.setObjectName("labelText")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._open_link)
        self.browser.setAccessibleName(self.tr("Section text"))

        self.reading = ChartSplitter(
            self.browser, AdverseReactionChart(self._document.adverse_reactions)
        )
        self.chart, self.chart_area = self.reading.chart, self.reading.chart_area

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        self.zoom_out_button = tool_button(
            self.tr("A−"), self.tr("Smaller text (Ctrl+−)"), self.zoom_out
        )
        self.zoom_in_button = tool_button(
            self.tr("A+"), self.tr("Larger text (Ctrl++)"), self.zoom_in
        )
        self.copy_button = tool_button(
            self.tr("Copy section"), self.tr("Copy (Ctrl+Shift+C)"), self.copy_section
        )
        self.export_button = tool_button(
            self.tr("Export PDF…"), self.tr("Export (Ctrl+E)"), self._export_dialog
        )
        self.print_button = tool_button(
            self.tr("Print…"), self.tr("Print this section (Ctrl+P)"), self._print
        )
        zoom = (self.zoom_out_button, self.zoom_in_button)
        for button in (*zoom, self.copy_button, self.export_button, self.print_button):
            buttons.addWidget(button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.boxed_banner)
        right_layout.addWidget(self.reading, 1)
        return right

    def _shortcuts(self) -> None:
        bindings: list[tuple[QKeySequence, Callable[[], None]]] = [
            (QKeySequence(QKeySequence.StandardKey.ZoomIn), self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence(QKeySequence.StandardKey.ZoomOut), self.zoom_out),
            (QKeySequence("Ctrl+0"), self.zoom_reset),
            (QKeySequence(QKeySequence.StandardKey.Find), self.search_panel.focus_search),
            (QKeySequence("Ctrl+PgDown"), lambda: self.step_section(1)),
            (QKeySequence("Ctrl+PgUp"), lambda: self.step_section(-1)),
            (QKeySequence("Ctrl+Shift+C"), self.copy_section),
            (QKeySequence("Ctrl+E"), self._export_dialog),
            (QKeySequence(QKeySequence.StandardKey.Print), self._print),
        ]
        for sequence, slot in bindings:
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # ------------------------------------------------------------------ sections
    def current_key(self) -> str:
        return self._current

    def show_section(self, key: str) -> None:
        """Show a section by key; the boxed warning stays pinned above it."""
        section = self._document.section(key)
        self._current = section.key
        item = self._items[section.key]
        if self.tree.currentItem() is not item:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
        self.browser.setHtml(reading_html(section))
        self.browser.setExtraSelections([])
        self.reading.show_chart(section.key == CHART_SECTION)
        self.section_shown.emit(section.key)

    def step_section(self, step: int) -> None:
        keys = self._document.section_keys()
        index = keys.index(self._current) + step
        if 0 <= index < len(keys):
            self.show_section(keys[index])

    def _tree_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.show_section(str(current.data(0, KEY_ROLE)))

    def _open_link(self, url: QUrl) -> None:
        self._open_link_text(url.toString())

    def _open_link_text(self, link: str) -> None:
        scheme, _, key = link.partition(":")
        if scheme == LINK_SCHEME and key in self._document.section_keys():
            self.show_section(key)

    # ------------------------------------------------------------------ search
    def search(self, text: str) -> list[SearchHit]:
        return self.search_panel.search(text)

    def jump_to_hit(self, row: int) -> None:
        """Open a result's section, highlighting the matched words (as Enter does)."""
        self.search_panel.choose(row)

    def _open_hit(self, key: str, query: str) -> None:
        self.show_section(key)
        highlight_terms(self.browser, query_terms(query))

    def highlight_count(self) -> int:
        return len(self.browser.extraSelections())

    # ------------------------------------------------------------------ zoom
    def font_point_size(self) -> int:
        return self._font_pt

    def _set_zoom(self, pt: int) -> None:
        self._font_pt = min(max(pt, MIN_PT), MAX_PT)
        self._settings.setValue(ZOOM_KEY, self._font_pt)
        self._apply_zoom()

    @override
    def changeEvent(self, event: QEvent) -> None:
        """A palette turned dark or light: the viewer's own colours follow it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.setStyleSheet(viewer_style(colours_for(self)))
            self._apply_zoom()

    def _apply_zoom(self) -> None:
        self.browser.document().setDefaultStyleSheet(page_css(self._font_pt, colours_for(self)))
        font = self.browser.font()
        font.setPointSize(self._font_pt)
        self.browser.setFont(font)
        banner = self.boxed_banner.font()
        banner.setPointSize(max(self._font_pt - 1, MIN_PT))
        self.boxed_banner.setFont(banner)
        if self._current:
            position = self.browser.verticalScrollBar().value()
            self.browser.setHtml(reading_html(self._document.section(self._current)))
            self.browser.verticalScrollBar().setValue(position)

    def zoom_in(self) -> None:
        self._set_zoom(self._font_pt + 1)

    def zoom_out(self) -> None:
        self._set_zoom(self._font_pt - 1)

    def zoom_reset(self) -> None:
        self._set_zoom(DEFAULT_PT)

    # ------------------------------------------------------------------ copy, print, export
    def copy_section(self) -> None:
        """Copy the selection if there is one, else the whole section with its header."""
        if self.browser.textCursor().hasSelection():
            self.browser.copy()
            return
        section = self._document.section(self._current)
        text = header_text(self._document.info) + "\n\n" + section_text(section)
        QGuiApplication.clipboard().setText(text)

    def export_pdf(self, path: Path) -> Path:
        return export_section_pdf(self._document, self._current, path)

    def _export_dialog(self) -> None:
        ask_and_export(self, self._document, self._current, self.export_pdf)

    def _print(self) -> None:
        print_section(self._document, self._current, self)
