"""The label viewer as a pharmacist uses it: keyboard, search and jump, zoom, chart, PDF."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ino_desk.label.sections import load_label_document
from ino_desk.ui.common.palette import DARK, colour, colours_for, dark_palette
from ino_desk.ui.label.label_page import DEFAULT_PT, MAX_PT
from ino_desk.ui.label.label_viewer import ZOOM_KEY, LabelViewer
from ino_desk.ui.shell.application import build_window, label_viewer_factory
from ino_desk.ui.shell.main_window import Screen
from tests.conftest import require_program

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.label.document import LabelDocument

# The offscreen platform plugin cannot resize native windows and says so whenever a shown
# top-level widget's layout changes its size hints; that is the test platform, not the app.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def document() -> LabelDocument:
    return load_label_document()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "viewer.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def viewer(qtbot: QtBot, document: LabelDocument, settings: QSettings) -> LabelViewer:
    widget = LabelViewer(document, settings)
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_opens_on_the_indication_with_the_header(viewer: LabelViewer) -> None:
    assert viewer.current_key() == "1"
    assert "CD22-positive" in viewer.browser.toPlainText()
    header = viewer.header.text()
    assert "revision 3/2024" in header
    assert "cc7014b1-c775-411d-b374-8113248b4077" in header


def test_boxed_warning_is_pinned_above_every_section(
    viewer: LabelViewer, document: LabelDocument
) -> None:
    for key in document.section_keys():
        viewer.show_section(key)
        assert viewer.current_key() == key
        assert viewer.boxed_banner.isVisible(), key
        assert "veno-occlusive" in viewer.boxed_banner.text()
        banner_bottom = viewer.boxed_banner.mapTo(viewer, viewer.boxed_banner.rect().bottomLeft())
        text_top = viewer.browser.mapTo(viewer, viewer.browser.rect().topLeft())
        assert banner_bottom.y() < text_top.y(), key


def test_keyboard_moves_through_the_section_tree(qtbot: QtBot, viewer: LabelViewer) -> None:
    viewer.tree.setFocus()
    qtbot.keyClick(viewer.tree, Qt.Key.Key_Down)
    assert viewer.current_key() == "2"
    qtbot.keyClick(viewer.tree, Qt.Key.Key_Down)
    assert viewer.current_key() == "2.1"
    assert "Cycles 2 and later, no CR or CRi" in viewer.browser.toPlainText()
    qtbot.keyClick(viewer.tree, Qt.Key.Key_Up)
    assert viewer.current_key() == "2"
    qtbot.keyClick(viewer.tree, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert viewer.current_key() == "2.1"
    qtbot.keyClick(viewer.tree, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert viewer.current_key() == "2"


def test_ctrl_f_focuses_search_and_escape_clears_it(qtbot: QtBot, viewer: LabelViewer) -> None:
    def search_box_top() -> int:
        return viewer.search_box.mapTo(viewer, viewer.search_box.rect().topLeft()).y()

    assert search_box_top() < 30  # sits at the top of the column while there is no query
    viewer.tree.setFocus()
    qtbot.keyClick(viewer.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert viewer.search_box.hasFocus()
    qtbot.keyClicks(viewer.search_box, "nylon")
    assert viewer.results.isVisible()
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_Escape)
    assert viewer.search_box.text() == ""
    assert not viewer.results.isVisible()
    assert viewer.tree.hasFocus()
    qtbot.wait(10)
    assert search_box_top() < 30


def test_typing_searches_instantly_and_enter_jumps_and_highlights(
    qtbot: QtBot, viewer: LabelViewer
) -> None:
    qtbot.keyClicks(viewer.search_box, "nylon filter")
    assert viewer.results.count() == 1
    assert viewer.results.item(0).data(Qt.ItemDataRole.UserRole) == "2.4"
    assert viewer.current_key() == "1"  # typing alone does not move the reader
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_Return)
    assert viewer.current_key() == "2.4"
    words = {s.cursor.selectedText().lower() for s in viewer.browser.extraSelections()}
    assert {"nylon", "filter"} <= words
    assert viewer.highlight_count() >= 3  # "filters" in a heading, "filter" twice in a bullet
    assert viewer.browser.textCursor().block().text().lower().count("filter") >= 1


def test_results_are_reachable_by_arrow_key(qtbot: QtBot, viewer: LabelViewer) -> None:
    qtbot.keyClicks(viewer.search_box, "CD22")
    assert viewer.results.count() >= 2
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_Down)
    assert viewer.results.hasFocus()
    qtbot.keyClick(viewer.results, Qt.Key.Key_Down)
    second = viewer.results.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(viewer.results, Qt.Key.Key_Return)
    assert viewer.current_key() == second
    assert viewer.highlight_count() >= 1


def test_a_search_without_match_says_so(qtbot: QtBot, viewer: LabelViewer) -> None:
    qtbot.keyClicks(viewer.search_box, "zebra")
    assert viewer.results.count() == 0
    assert viewer.search_status.text() == "No section mentions “zebra”."
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_Return)
    assert viewer.current_key() == "1"


def test_moving_to_another_section_clears_the_highlight(qtbot: QtBot, viewer: LabelViewer) -> None:
    qtbot.keyClicks(viewer.search_box, "MCE")
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_Return)
    assert viewer.highlight_count() == 1
    viewer.show_section("3")
    assert viewer.highlight_count() == 0


def test_zoom_keys_change_the_text_size_and_it_is_remembered(
    qtbot: QtBot, viewer: LabelViewer, document: LabelDocument, settings: QSettings
) -> None:
    assert viewer.font_point_size() == DEFAULT_PT
    before = viewer.browser.document().size().height()
    qtbot.keyClick(viewer.browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(viewer.browser, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert viewer.font_point_size() == DEFAULT_PT + 2
    assert viewer.browser.document().size().height() > before
    qtbot.keyClick(viewer.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.font_point_size() == DEFAULT_PT + 1
    settings.sync()
    assert int(str(settings.value(ZOOM_KEY))) == DEFAULT_PT + 1
    again = LabelViewer(document, settings)
    qtbot.addWidget(again)
    assert again.font_point_size() == DEFAULT_PT + 1


def test_zoom_stops_at_its_limits(
    viewer: LabelViewer, document: LabelDocument, settings: QSettings
) -> None:
    for _ in range(MAX_PT):
        viewer.zoom_in()
    assert viewer.font_point_size() == MAX_PT
    settings.setValue(ZOOM_KEY, "huge")
    assert LabelViewer(document, settings).font_point_size() == DEFAULT_PT


def test_section_links_open_the_section(viewer: LabelViewer) -> None:
    viewer.show_section("2")
    assert 'href="section:2.3"' in viewer.browser.toHtml()
    viewer.browser.anchorClicked.emit(QUrl("section:2.3"))
    assert viewer.current_key() == "2.3"
    viewer.boxed_banner.linkActivated.emit("section:BW")
    assert viewer.current_key() == "BW"


def test_chart_shows_one_sorted_bar_per_figure_in_section_6(
    qtbot: QtBot, viewer: LabelViewer, document: LabelDocument
) -> None:
    assert not viewer.chart.isVisible()
    viewer.show_section("6")
    assert viewer.chart.isVisible()
    assert viewer.chart_area.height() >= viewer.height() // 4  # not squeezed to a strip
    bars = viewer.chart.bars()
    figures = document.adverse_reactions.reactions
    assert len(bars) == len(figures) == 15
    assert [b.name for b in bars] == [r.name for r in figures]
    assert bars[0].label == "51%"
    assert bars[-1].label == "21%"
    widths = [b.rect.width() for b in bars]
    assert widths == sorted(widths, reverse=True)
    # 51 % against 21 %: bar lengths in the same ratio (honest 0-100 % scale).
    assert widths[0] / widths[-1] == pytest.approx(51 / 21, rel=0.01)
    image = viewer.chart.grab().toImage()
    for bar in (bars[0], bars[-1]):
        centre = bar.rect.center().toPoint()
        bar_colour = colour(colours_for(viewer.chart).chart_bar)
        assert image.pixelColor(centre * image.devicePixelRatio()) == bar_colour


@pytest.fixture
def dark_application() -> Iterator[None]:
    """The application's palette dark, as `palette.apply_scheme` sets it; restored after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    app.setPalette(dark_palette())
    yield
    app.setPalette(light)


@pytest.mark.usefixtures("dark_application")
def test_in_the_dark_set_the_chart_and_the_text_are_drawn_in_dark_colours(
    viewer: LabelViewer,
) -> None:
    """The dark palette made the chart's labels and the reading text invisible (issue 16):
    both now take the dark set, whose pairs the palette test holds to 4.5:1."""
    viewer.show_section("6")
    viewer.resize(1000, 700)
    viewer.show()
    image = viewer.chart.grab().toImage()
    bar = viewer.chart.bars()[0]
    ratio = image.devicePixelRatio()
    assert image.pixelColor(bar.rect.center().toPoint() * ratio) == colour(DARK.chart_bar)
    assert image.pixelColor(2, 2) == colour(DARK.window)  # not the light fill behind dark text
    css = viewer.browser.document().defaultStyleSheet()
    assert f"color: {DARK.text}" in css


def test_copy_section_puts_the_plain_text_on_the_clipboard(viewer: LabelViewer) -> None:
    viewer.show_section("2.4")
    viewer.copy_section()
    text = QGuiApplication.clipboard().text()
    assert "revision 3/2024" in text
    assert "2.4 Preparation and administration" in text
    assert "Never a nylon or mixed cellulose ester (MCE) filter." in " ".join(text.split())


def test_export_writes_the_current_section_as_pdf(viewer: LabelViewer, tmp_path: Path) -> None:
    viewer.show_section("2.4")
    path = viewer.export_pdf(tmp_path / "section.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    pdftotext = require_program("pdftotext")
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "BOXED WARNING" in flat
    assert "2.4 Preparation and administration" in flat
    assert "revision 3/2024" in flat
    assert "verify against the current PI" in flat


def test_main_window_shows_the_viewer(
    qtbot: QtBot, rules: ClinicalRules, document: LabelDocument, tmp_path: Path
) -> None:
    # The GUI helper composed the viewer under the main window's "Label" navigation.
    from ino_desk.persistence.sqlite.database import open_database
    from ino_desk.persistence.unit_of_work import SqlStore

    database = open_database(tmp_path / "desk.sqlite3")
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = build_window(
        rules, SqlStore(database), "desk", settings, label_viewer_factory(lambda: document)
    )
    qtbot.addWidget(window)
    window.nav.setCurrentRow(Screen.LABEL)
    assert isinstance(window.label_host.currentWidget(), LabelViewer)
    database.close()


def test_hovering_a_value_shows_its_citation(viewer: LabelViewer) -> None:
    viewer.show_section("2.4")

    def tip_over(word: str) -> str:
        found = viewer.browser.document().find(word)
        assert not found.isNull(), word
        viewer.browser.setTextCursor(found)
        viewer.browser.ensureCursorVisible()
        inside = viewer.browser.cursorRect(found).center()
        inside.setX(inside.x() - 8)  # the cursor rect sits at the end of the match
        return viewer.browser.tool_tip_at(inside)

    assert tip_over("0.01") == "PI 2.4, unconfirmed: verify against the current PI"
    assert tip_over("3.6 mL") == "PI 2.4"
    assert tip_over("Sterile Water") == ""
