"""Page template for multi-page documents: header, footer and "Page x of y" on every page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ino_desk.pdf.styles import BOLD, REGULAR, RULE, register_fonts

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

MARGIN = 0.5 * inch
HEADER_HEIGHT = 46.0
FOOTER_HEIGHT = 39.0  # three 7 pt lines: document, content hash, audit trail head
REPRINT = "REPRINT"


@dataclass(frozen=True, slots=True)
class PageText:
    """What every page repeats: who it is for and which document it is."""

    site: str
    title: str
    patient: str
    footer: tuple[str, ...]
    mark: str = ""  # e.g. REPRINT, boxed at the right of the title on every page


class _CountingCanvas(Canvas):
    """Holds pages back until the end so each can print the total page count."""

    def __init__(self, *args: Any, page_label_at: tuple[float, float], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self._label_at = page_label_at

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._held.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # ReportLab internal, untyped

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self.setFont(BOLD, 9)
            x, y = self._label_at
            self.drawRightString(x, y, f"Page {self.getPageNumber()} of {total}")
            super().showPage()
        super().save()


def audit_head_line(head: str) -> str:
    """The audit trail's head as printed; anyone can check it against the file later."""
    if not head:
        return "Audit trail head: none (not issued from a saved record)"
    return f"Audit trail head {head} (check: ino-desk audit verify --anchor SEQ:HASH)"


def draw_mark(canvas: Canvas, mark: str, right: float, baseline: float, size: float = 13) -> None:
    """White capitals on black, right-aligned: a mark no one reads past."""
    width = canvas.stringWidth(mark, BOLD, size) + 8
    canvas.saveState()
    canvas.rect(right - width, baseline - 3, width, size + 3, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont(BOLD, size)
    canvas.drawRightString(right - 4, baseline + 0.5, mark)
    canvas.restoreState()


def _fit_header(canvas: Canvas, text: PageText, room: float) -> tuple[str, float]:
    """Site name and patient-line size that share the top line without overlapping.

    The patient line is identity and is never cut: it shrinks first (down to 7 pt), then the
    site name is shortened with an ellipsis (it is also in the PDF's metadata and footer).
    """
    gap = 12.0
    size = 9.0
    while size > 7 and canvas.stringWidth(text.patient, REGULAR, size) > room * 0.7:
        size -= 0.5
    free = room - canvas.stringWidth(text.patient, REGULAR, size) - gap
    site = text.site
    if canvas.stringWidth(site, BOLD, 9) > free:
        while site and canvas.stringWidth(site + "…", BOLD, 9) > free:
            site = site[:-1]
        site = site.rstrip() + "…" if site else ""
    return site, size


def _draw_frame(text: PageText, canvas: Canvas, doc: BaseDocTemplate) -> None:
    width, height = doc.pagesize
    left, right = MARGIN, width - MARGIN
    top = height - MARGIN
    canvas.saveState()
    site, patient_size = _fit_header(canvas, text, right - left)
    canvas.setFont(BOLD, 9)
    canvas.drawString(left, top - 9, site)
    canvas.setFont(REGULAR, patient_size)
    canvas.drawRightString(right, top - 9, text.patient)
    canvas.setFont(BOLD, 14)
    canvas.drawString(left, top - 28, text.title)
    if text.mark:
        draw_mark(canvas, text.mark, right, top - 31)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.8)
    canvas.line(left, top - HEADER_HEIGHT + 10, right, top - HEADER_HEIGHT + 10)
    bottom = MARGIN
    canvas.line(left, bottom + FOOTER_HEIGHT - 6, right, bottom + FOOTER_HEIGHT - 6)
    canvas.setFont(REGULAR, 7)
    for i, line in enumerate(text.footer):
        canvas.drawString(left, bottom + FOOTER_HEIGHT - 16 - i * 9, line)
    canvas.restoreState()


def build_pdf(
    story: list[Flowable],
    pagesize: tuple[float, float],
    text: PageText,
    *,
    invariant: bool,
    subject: str,
) -> bytes:
    """Lay out the story on as many pages as it needs and return the PDF bytes."""
    register_fonts()
    buffer = io.BytesIO()
    width = pagesize[0]
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_HEIGHT,
        bottomMargin=MARGIN + FOOTER_HEIGHT,
        title=text.title,
        author=text.site,
        subject=subject,
        creator="ino-desk",
        invariant=1 if invariant else 0,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=partial(_draw_frame, text))]
    )
    label_at = (width - MARGIN, MARGIN + FOOTER_HEIGHT - 16)
    doc.build(story, canvasmaker=partial(_CountingCanvas, page_label_at=label_at))
    return buffer.getvalue()
