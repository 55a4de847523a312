"""A landscape report of one table (the monthly billing report): data in, PDF bytes out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import landscape, letter
from reportlab.platypus import Spacer, Table, TableStyle

from ino_desk.pdf.page import MARGIN, PageText, build_pdf
from ino_desk.pdf.paragraphs import CachedParagraph
from ino_desk.pdf.styles import GRID, SHADE, make_styles, markup

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True, slots=True)
class TableReport:
    site: str
    title: str
    statements: tuple[str, ...]  # printed above the table: rules and settings in force
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bold_rows: frozenset[int] = frozenset()  # totals


def render_table_report(report: TableReport, *, invariant: bool = False) -> bytes:
    styles = make_styles(7.5)
    pagesize = landscape(letter)
    width = pagesize[0] - 2 * MARGIN
    story: list[Flowable] = [CachedParagraph(markup(s), styles.body) for s in report.statements]
    story.append(Spacer(1, 6))
    cell, bold = styles.cell, styles.cell_bold
    data = [[CachedParagraph(markup(c), bold) for c in report.columns]]
    for n, row in enumerate(report.rows):
        style = bold if n in report.bold_rows else cell
        data.append([CachedParagraph(markup(v), style) for v in row])
    table = Table(data, colWidths=[width / len(report.columns)] * len(report.columns), repeatRows=1)
    shading = [("BACKGROUND", (0, 0), (-1, 0), SHADE)] + [
        ("BACKGROUND", (0, n + 1), (-1, n + 1), SHADE) for n in report.bold_rows
    ]
    table.setStyle(TableStyle(GRID + shading))
    story.append(table)
    text = PageText(report.site, report.title, "", ("ino-desk",))
    return build_pdf(story, pagesize, text, invariant=invariant, subject=report.title)
