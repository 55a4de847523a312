"""Render label sections as plain text (terminal, search index) or as HTML (the viewer)."""

from __future__ import annotations

import textwrap
from html import escape
from typing import TYPE_CHECKING

from ino_desk.label.document import (
    VERIFY_TEXT,
    Block,
    Bullets,
    Heading,
    Inline,
    Note,
    Paragraph,
    Section,
    Span,
    SpanKind,
    Table,
)

if TYPE_CHECKING:
    from ino_desk.domain.rules import PackInfo

LINK_SCHEME = "section"
_COLUMNS_MAX_CELL = 40  # wider cells read better as "header: value" lines in a terminal


def header_text(info: PackInfo) -> str:
    """The pack header every view shows: which label, where it lives, when it was written."""
    return (
        f"{info.brand} ({info.drug}) - {info.jurisdiction} prescribing information, revision "
        f"{info.revision} (BLA {info.bla}); DailyMed set id {info.dailymed_setid}; "
        f"label pack written {info.written}"
    )


# ------------------------------------------------------------------------ plain text
def inline_text(spans: Inline) -> str:
    return "".join(f"[{s.text}]" if s.kind is SpanKind.VERIFY else s.text for s in spans)


def _wrap(text: str, width: int | None, first: str = "", rest: str = "") -> list[str]:
    if width is None:
        return [first + text]
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest) or [first]


def _table_lines(table: Table, width: int | None) -> list[str]:
    header = [inline_text(cell) for cell in table.header]
    rows = [[inline_text(cell) for cell in row] for row in table.rows]
    if all(len(cell) <= _COLUMNS_MAX_CELL for row in [header, *rows] for cell in row):
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

        def line(cells: list[str]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    lines: list[str] = []
    for row in rows:
        lines += _wrap(f"{header[0]}: {row[0]}", width, "* ", "  ")
        for name, cell in zip(header[1:], row[1:], strict=True):
            lines += _wrap(f"{name}: {cell}", width, "    ", "      ")
    return lines


def _block_lines(block: Block, width: int | None) -> list[str]:
    match block:
        case Paragraph(spans):
            return _wrap(inline_text(spans), width)
        case Heading(spans):
            title = inline_text(spans)
            return [title, "-" * len(title)]
        case Note(spans):
            return _wrap("NOTE: " + inline_text(spans), width, "| ", "| ")
        case Bullets(items):
            return [line for item in items for line in _wrap(inline_text(item), width, "- ", "  ")]
        case Table():
            return _table_lines(block, width)
    raise TypeError(block)  # pragma: no cover


def section_text(section: Section, width: int | None = 92) -> str:
    """The section as plain text; `width=None` keeps each block on one line (search index)."""
    title = section.label
    lines = [title, "=" * len(title)]
    for block in section.blocks:
        lines += ["", *_block_lines(block, width)]
    return "\n".join(lines) + "\n"


def section_body_text(section: Section) -> str:
    """Just the words of the blocks, one line per paragraph, item or table row (search index)."""
    lines: list[str] = []
    for block in section.blocks:
        match block:
            case Paragraph(spans) | Heading(spans) | Note(spans):
                lines.append(inline_text(spans))
            case Bullets(items):
                lines += [inline_text(item) for item in items]
            case Table(header, rows):
                lines += [" · ".join(inline_text(c) for c in row) for row in (header, *rows)]
    return "\n".join(lines)


# ------------------------------------------------------------------------ HTML
def _span_html(span: Span) -> str:
    text = escape(span.text)
    match span.kind:
        case SpanKind.VALUE:
            css = "value" if span.verified else "value unverified"
            title = f' title="{escape(span.citation)}"' if span.citation else ""
            text = f'<span class="{css}"{title}>{text}</span>'
        case SpanKind.LINK:
            text = f'<a href="{LINK_SCHEME}:{escape(span.target)}">{text}</a>'
        case SpanKind.VERIFY:
            text = f'<span class="verify">&#9888;&nbsp;{escape(VERIFY_TEXT)}</span>'
        case SpanKind.TEXT:
            pass
    return f"<b>{text}</b>" if span.strong else text


def inline_html(spans: Inline) -> str:
    return "".join(_span_html(s) for s in spans)


def _table_html(table: Table) -> str:
    def cells(row: tuple[Inline, ...], tag: str) -> str:
        out = []
        for index, cell in enumerate(row):
            align = ' align="right"' if index in table.numeric_columns and tag == "td" else ""
            out.append(f"<{tag}{align}>{inline_html(cell)}</{tag}>")
        return "<tr>" + "".join(out) + "</tr>"

    body = "".join(cells(row, "td") for row in table.rows)
    width = ' width="100%"' if table.full_width else ""
    return (
        f'<table class="grid"{width} cellspacing="0" cellpadding="5" border="1">'
        f"<thead>{cells(table.header, 'th')}</thead>{body}</table>"
    )


def block_html(block: Block) -> str:
    match block:
        case Paragraph(spans):
            return f"<p>{inline_html(spans)}</p>"
        case Heading(spans):
            return f"<h2>{inline_html(spans)}</h2>"
        case Note(spans):
            return (
                '<table class="note" width="100%" cellpadding="8" cellspacing="0">'
                f"<tr><td>{inline_html(spans)}</td></tr></table>"
            )
        case Bullets(items):
            return "<ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in items) + "</ul>"
        case Table():
            return _table_html(block)
    raise TypeError(block)  # pragma: no cover


def section_html(section: Section) -> str:
    """The section as an HTML fragment using the class names the viewer's CSS styles."""
    number = (
        f'<span class="number">{escape(section.key)}</span>&nbsp; '
        if section.key[:1].isdigit()
        else ""
    )
    title = f"<h1>{number}{escape(section.title)}</h1>"
    return title + "".join(block_html(b) for b in section.blocks)
