"""HTML pages and CSS for the label viewer's reading pane and its PDF export (Qt rich text)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ino_desk.label.document import VERIFY_TEXT
from ino_desk.label.text import header_text, inline_html, section_html

if TYPE_CHECKING:
    from datetime import datetime

    from ino_desk.label.document import LabelDocument, Section

MIN_PT, DEFAULT_PT, MAX_PT = 8, 12, 28  # reading sizes; bedside screens need the large end
PRINT_PT = 10


def page_css(pt: int) -> str:
    """Qt's rich-text CSS subset; sizes follow the reader's zoom so everything scales."""
    big, mid, small = round(pt * 1.45), round(pt * 1.15), max(pt - 2, MIN_PT - 1)
    return f"""
body {{ font-family: "DejaVu Sans", "Segoe UI", sans-serif; font-size: {pt}pt;
        color: #1d2329; }}
h1 {{ font-size: {big}pt; color: #17324d; margin-top: 2px; margin-bottom: 8px; }}
h2 {{ font-size: {mid}pt; color: #17324d; margin-top: 16px; margin-bottom: 4px; }}
p {{ margin-top: 4px; margin-bottom: 8px; }}
li {{ margin-bottom: 5px; }}
a {{ color: #1f5fa8; }}
span.number {{ color: #5b6670; }}
span.value {{ color: #0b3c5d; font-weight: 600; }}
span.unverified {{ background-color: #fff1c2; }}
span.verify {{ color: #7a3e00; background-color: #fff1c2; font-weight: 600;
               font-size: {small}pt; }}
table.grid {{ border-color: #b8c2cc; border-style: solid; margin-top: 6px;
              margin-bottom: 10px; }}
table.grid th {{ background-color: #e8eef4; color: #17324d; text-align: left; }}
table.note {{ background-color: #eef5fb; border-color: #2f6690; border-style: solid;
              margin-top: 6px; margin-bottom: 10px; }}
p.meta {{ color: #5b6670; font-size: {small}pt; }}
table.boxed {{ border-color: #1d2329; border-style: solid; background-color: #fff6f5;
               margin-bottom: 10px; }}
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
