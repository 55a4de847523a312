"""The label viewer: section tree, searchable reading pane, pinned boxed warning, chart."""

from __future__ import annotations

import re
import time
from datetime import datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ino_desk.label.search import LabelSearch, SearchHit, query_terms
from ino_desk.label.text import LINK_SCHEME, header_text, section_text
from ino_desk.ui.typing_compat import override
from ino_desk.ui.views.label_page import (
    DEFAULT_PT,
    MAX_PT,
    MIN_PT,
    PRINT_PT,
    boxed_banner_html,
    page_css,
    print_html,
    reading_html,
)
from ino_desk.ui.widgets.adverse_reaction_chart import AdverseReactionChart

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ino_desk.label.document import LabelDocument

ZOOM_KEY = "label_viewer/font_pt"
CHART_SECTION = "6"
CHART_SHARE = 0.6  # at most this share of the reading height goes to the chart
START_SECTION = "1"
HIGHLIGHT = QColor("#ffe066")
STYLE = """
QLabel#boxedWarning { border: 2px solid #1d2329; background: #fff6f5; color: #1d2329;
                      padding: 6px 10px; }
QLabel#labelHeader { color: #4a5560; font-size: 9pt; }
QTreeWidget#sectionTree { font-size: 10pt; }
QTreeWidget#sectionTree::item { padding: 2px 0px; }
QListWidget#searchResults::item { border-bottom: 1px solid #e3e7eb; }
QListWidget#searchResults::item:selected { background: #d6e6f5; color: #1d2329; }
"""
KEY_ROLE = Qt.ItemDataRole.UserRole


def _stem(term: str) -> str:
    # The index stems words (porter): "premedication" also finds "premedicate". Highlight
    # the shared start so the reader sees every word that made the hit.
    return term if len(term) <= 5 else term[: len(term) - 2]


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
        self._hits: list[SearchHit] = []
        self._current = ""
        self._font_pt = self._stored_zoom()
        self._build()
        self.setStyleSheet(STYLE)
        self._shortcuts()
        self._apply_zoom()
        self.show_section(START_SECTION)

    # ------------------------------------------------------------------ construction
    def _build(self) -> None:
        self.header = QLabel(header_text(self._document.info))
        self.header.setObjectName("labelHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("labelSearch")
        self.search_box.setPlaceholderText("Search the label (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search the label")
        self.search_box.textChanged.connect(self.search)
        self.search_box.returnPressed.connect(self._jump_from_box)
        self.search_box.installEventFilter(self)
        self.search_status = QLabel()
        self.search_status.setObjectName("searchStatus")
        self.search_status.setWordWrap(True)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(lambda item: self.jump_to_hit(self.results.row(item)))

        self.tree = QTreeWidget()
        self.tree.setObjectName("sectionTree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Sections of the prescribing information")
        self._items: dict[str, QTreeWidgetItem] = {}
        for section in self._document.sections:
            parent = self._items.get(section.parent or "")
            item = QTreeWidgetItem([section.label])
            item.setData(0, KEY_ROLE, section.key)
            item.setToolTip(0, section.label)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._items[section.key] = item
        self.tree.expandAll()
        self.tree.currentItemChanged.connect(self._tree_changed)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_box)
        left_layout.addWidget(self.search_status)
        left_layout.addWidget(self.results, 2)
        left_layout.addWidget(self.tree, 3)
        self._set_results_visible(False)

        self.boxed_banner = QLabel(boxed_banner_html(self._document))
        self.boxed_banner.setObjectName("boxedWarning")
        self.boxed_banner.setWordWrap(True)
        self.boxed_banner.setTextFormat(Qt.TextFormat.RichText)
        self.boxed_banner.setAccessibleName("Boxed warning")
        self.boxed_banner.linkActivated.connect(self._open_link_text)

        self.browser = QTextBrowser()
        self.browser.setObjectName("labelText")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._open_link)
        self.browser.setAccessibleName("Section text")
        self.chart = AdverseReactionChart(self._document.adverse_reactions)
        self.chart.setMinimumHeight(self.chart.sizeHint().height())
        # On a small bedside screen the chart scrolls rather than squeezing its bars.
        self.chart_area = QScrollArea()
        self.chart_area.setObjectName("chartArea")
        self.chart_area.setWidget(self.chart)
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setFrameShape(QFrame.Shape.NoFrame)

        self.reading = QSplitter(Qt.Orientation.Vertical)
        self.reading.addWidget(self.browser)
        self.reading.addWidget(self.chart_area)
        self.reading.setChildrenCollapsible(False)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        self.zoom_out_button = self._button("A−", "Smaller text (Ctrl+−)", self.zoom_out)
        self.zoom_in_button = self._button("A+", "Larger text (Ctrl++)", self.zoom_in)
        self.copy_button = self._button("Copy section", "Copy (Ctrl+Shift+C)", self.copy_section)
        self.export_button = self._button("Export PDF…", "Export (Ctrl+E)", self._export_dialog)
        self.print_button = self._button("Print…", "Print this section (Ctrl+P)", self._print)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.copy_button,
            self.export_button,
            self.print_button,
        ):
            buttons.addWidget(button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.boxed_banner)
        right_layout.addWidget(self.reading, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 750])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.header)

    def _button(self, text: str, tip: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    def _shortcuts(self) -> None:
        bindings: list[tuple[QKeySequence, object]] = [
            (QKeySequence(QKeySequence.StandardKey.ZoomIn), self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence(QKeySequence.StandardKey.ZoomOut), self.zoom_out),
            (QKeySequence("Ctrl+0"), self.zoom_reset),
            (QKeySequence(QKeySequence.StandardKey.Find), self.focus_search),
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
        self._show_chart(section.key == CHART_SECTION)
        self.section_shown.emit(section.key)

    def _show_chart(self, visible: bool) -> None:
        was_visible = self.chart_area.isVisible()
        self.chart_area.setVisible(visible)
        if visible and not was_visible:
            total = max(sum(self.reading.sizes()), self.reading.height())
            wanted = self.chart.sizeHint().height() + 2
            chart = min(wanted, int(total * CHART_SHARE))
            self.reading.setSizes([total - chart, chart])

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
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _set_results_visible(self, visible: bool) -> None:
        self.results.setVisible(visible)
        self.search_status.setVisible(visible)

    def search(self, text: str) -> list[SearchHit]:
        """Instant search as the user types: ranked sections with a snippet each."""
        self._hits = self._index.search(text) if text.strip() else []
        self.results.clear()
        self._set_results_visible(bool(text.strip()))
        for hit in self._hits:
            item = QListWidgetItem()
            label = QLabel(
                f"<b>{hit.key if hit.key[:1].isdigit() else ''} {escape(hit.title)}</b><br>"
                f'<span style="color:#4a5560">{_esc_snippet(hit)}</span>'
            )
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 3, 4, 3)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            item.setData(KEY_ROLE, hit.key)
            item.setToolTip(hit.snippet("", ""))
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
            width = max(self.results.viewport().width() - 4, 160)
            item.setSizeHint(QSize(width, label.heightForWidth(width)))
        if self._hits:
            self.results.setCurrentRow(0)
            count = len(self._hits)
            self.search_status.setText(
                f"{count} section{'s' if count != 1 else ''} — Enter opens the best match"
            )
        elif text.strip():
            self.search_status.setText(f"No section mentions “{text.strip()}”.")
        return list(self._hits)

    def _jump_from_box(self) -> None:
        row = max(self.results.currentRow(), 0)
        self.jump_to_hit(row)

    def jump_to_hit(self, row: int) -> None:
        """Open the hit's section and highlight every matched word; scroll to the first."""
        if not 0 <= row < len(self._hits):
            return
        self.show_section(self._hits[row].key)
        self._highlight(query_terms(self.search_box.text()))

    def _highlight(self, terms: list[str]) -> None:
        document = self.browser.document()
        selections: list[QTextEdit.ExtraSelection] = []
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        for term in terms:
            pattern = re.compile(r"\b" + re.escape(_stem(term)) + r"\w*", re.IGNORECASE)
            plain = document.toPlainText()
            for match in pattern.finditer(plain):
                cursor = QTextCursor(document)
                cursor.setPosition(match.start())
                cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
        selections.sort(key=lambda s: s.cursor.selectionStart())
        self.browser.setExtraSelections(selections)
        if selections:
            first = QTextCursor(selections[0].cursor)
            first.clearSelection()
            self.browser.setTextCursor(first)
            self.browser.ensureCursorVisible()

    def highlight_count(self) -> int:
        return len(self.browser.extraSelections())

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if watched is self.search_box and pressed and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.search_box.clear()
                self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ zoom
    def _stored_zoom(self) -> int:
        raw = self._settings.value(ZOOM_KEY, DEFAULT_PT)
        try:
            value = int(str(raw))
        except ValueError:
            return DEFAULT_PT
        return min(max(value, MIN_PT), MAX_PT)

    def font_point_size(self) -> int:
        return self._font_pt

    def _set_zoom(self, pt: int) -> None:
        self._font_pt = min(max(pt, MIN_PT), MAX_PT)
        self._settings.setValue(ZOOM_KEY, self._font_pt)
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        self.browser.document().setDefaultStyleSheet(page_css(self._font_pt))
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
        cursor = self.browser.textCursor()
        if cursor.hasSelection():
            self.browser.copy()
            return
        section = self._document.section(self._current)
        text = header_text(self._document.info) + "\n\n" + section_text(section)
        QGuiApplication.clipboard().setText(text)

    def _print_document(self) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultStyleSheet(page_css(PRINT_PT))
        section = self._document.section(self._current)
        document.setHtml(print_html(self._document, section, datetime.now().astimezone()))
        return document

    def _printer(self) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter  # print support loads only when used

        return QPrinter(QPrinter.PrinterMode.HighResolution)

    def export_pdf(self, path: Path) -> Path:
        """Write the current section as a PDF; OSError when the file could not be written."""
        from PySide6.QtPrintSupport import QPrinter

        printer = self._printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setDocName(f"{self._document.info.brand} PI {self._current}")
        self._print_document().print_(printer)
        if not path.is_file() or path.stat().st_size == 0:
            raise OSError(f"{path}: the PDF could not be written")
        return path

    def _export_dialog(self) -> None:
        info = self._document.info
        suggested = f"{info.brand}-PI-{info.revision.replace('/', '-')}-{self._current}.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self, "Export section to PDF", str(Path.home() / suggested), "PDF files (*.pdf)"
        )
        if not name:
            return
        try:
            self.export_pdf(Path(name))
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", str(exc))

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        printer = self._printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self._print_document().print_(printer)


def _esc_snippet(hit: SearchHit) -> str:
    return "".join(f"<b>{escape(t)}</b>" if matched else escape(t) for t, matched in hit.parts)
