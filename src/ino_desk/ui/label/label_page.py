"""HTML pages and CSS for the label viewer's reading pane and its PDF export (Qt rich text)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ino_desk.label.document import VERIFY_TEXT
from ino_desk.label.text import header_text, inline_html, section_html
from ino_desk.ui.common.palette import LIGHT

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtCore import QSettings

    from ino_desk.label.document import LabelDocument, Section
    from ino_desk.ui.common.palette import Colours

MIN_PT, DEFAULT_PT, MAX_PT = 8, 12, 28  # reading sizes; bedside screens need the large end
PRINT_PT = 10


def page_css(pt: int, c: Colours = LIGHT) -> str:
    """Qt's rich-text CSS subset; sizes follow the reader's zoom so everything scales.
    Colours from the palette: the screen's set on screen, the light set on paper."""
    big, mid, small = round(pt * 1.45), round(pt * 1.15), max(pt - 2, MIN_PT - 1)
    return f"""
body {{ font-family: "DejaVu Sans", "Segoe UI", sans-serif; font-size: {pt}pt;
        color: {c.text}; }}
h1 {{ font-size: {big}pt; color: {c.heading}; margin-top: 2px; margin-bottom: 8px; }}
h2 {{ font-size: {mid}pt; color: {c.heading}; margin-top: 16px; margin-bottom: 4px; }}
p {{ margin-top: 4px; margin-bottom: 8px; }}
li {{ margin-bottom: 5px; }}
a {{ color: {c.link}; }}
span.number {{ color: {c.muted}; }}
span.value {{ color: {c.value}; font-weight: 600; }}
span.unverified {{ background-color: {c.verify_fill}; }}
span.verify {{ color: {c.verify_text}; background-color: {c.verify_fill}; font-weight: 600;
               font-size: {small}pt; }}
table.grid {{ border-color: {c.grid_line}; border-style: solid; margin-top: 6px;
              margin-bottom: 10px; }}
table.grid th {{ background-color: {c.header_fill}; color: {c.heading}; text-align: left; }}
table.note {{ background-color: {c.note_fill}; border-color: {c.note_border}; border-style: solid;
              margin-top: 6px; margin-bottom: 10px; }}
p.meta {{ color: {c.muted}; font-size: {small}pt; }}
table.boxed {{ border-color: {c.boxed_border}; border-style: solid;
               background-color: {c.boxed_fill}; margin-bottom: 10px; }}
"""


def reading_html(section: Section) -> str:
    """What the reading pane shows; the header and boxed warning sit in pinned widgets."""
    return f"<html><body>{section_html(section)}</body></html>"


def boxed_banner_html(document: LabelDocument) -> str:
    boxed = document.boxed_warning
    return (
        f"<b>BOXED WARNING</b>&nbsp;&nbsp;{inline_html(boxed.summary)}&nbsp;&nbsp;"
        f'<a href="section:{escape(boxed.key)}">Read the boxed warning</a>'
    )


def print_html(document: LabelDocument, section: Section, printed: datetime) -> str:
    """A self-contained page for paper or PDF: header, boxed warning, section, provenance."""
    header = escape(header_text(document.info))
    banner = boxed_banner_html(document).split("&nbsp;&nbsp;<a ")[0]
    footer = (
        f"Printed from ino-desk on {printed:%Y-%m-%d %H:%M}. Text in our own words from the "
        f"label pack; values marked &#9888; {escape(VERIFY_TEXT)} were not confirmed from a "
        "copy of the label."
    )
    return (
        f'<html><body><p class="meta">{header}</p>'
        '<table class="boxed" width="100%" cellpadding="8" cellspacing="0" border="2">'
        f"<tr><td>{banner}</td></tr></table>"
        f'{section_html(section)}<p class="meta">{footer}</p></body></html>'
    )


ZOOM_KEY = "label_viewer/font_pt"  # the reader's text size, kept between sessions


def viewer_style(c: Colours) -> str:
    """The viewer's own widgets, in the palette's set for this screen."""
    return f"""
QLabel#boxedWarning {{ border: 2px solid {c.boxed_border}; background: {c.boxed_fill};
                      color: {c.text}; padding: 6px 10px; }}
QLabel#labelHeader {{ color: {c.muted}; font-size: 9pt; }}
QTreeWidget#sectionTree {{ font-size: 10pt; }}
QTreeWidget#sectionTree::item {{ padding: 2px 0px; }}
QListWidget#searchResults::item {{ border-bottom: 1px solid {c.grid_line}; }}
QListWidget#searchResults::item:selected {{ background: {c.selection_fill}; color: {c.text}; }}
"""


def stored_zoom(settings: QSettings) -> int:
    """The reader's text size as last left, within the viewer's limits."""
    raw = settings.value(ZOOM_KEY, DEFAULT_PT)
    try:
        value = int(str(raw))
    except ValueError:
        return DEFAULT_PT
    return min(max(value, MIN_PT), MAX_PT)
