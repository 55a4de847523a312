"""CachedParagraph breaks its lines once per width and draws as ReportLab's Paragraph does."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ino_desk.pdf.paragraphs import CachedParagraph

TEXT = "Each dose: IV in 0.9% sodium chloride to a total of 50 mL, over 1 hour at 50 mL/h. " * 3
STYLE = ParagraphStyle("cell", fontName="Helvetica", fontSize=8.5, leading=10.4)


def _count_line_breakings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = Paragraph.breakLines

    def counted(self: Paragraph, widths: list[float]) -> object:
        calls.append(1)
        return original(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counted)
    return calls


def test_wrapping_again_at_the_same_width_reuses_the_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cached = CachedParagraph(TEXT, STYLE)
    calls = _count_line_breakings(monkeypatch)
    first = cached.wrap(200, 500)
    assert cached.wrap(200, 80) == first  # another height: the same lines
    assert len(calls) == 1
    narrower = cached.wrap(120, 500)
    assert len(calls) == 2
    assert narrower[1] > first[1]  # more lines at a narrower width
    assert cached.wrap(200, 500) == first
    assert len(calls) == 3


@pytest.mark.parametrize("widths", [[200.0], [120.0, 200.0], [200.0, 200.0, 120.0]])
def test_sizes_and_drawing_match_reportlabs_paragraph(widths: list[float]) -> None:
    def drawn(paragraph: Paragraph) -> tuple[list[tuple[float, float]], bytes]:
        sizes = [paragraph.wrap(width, 500) for width in widths]
        canvas = Canvas(io.BytesIO(), invariant=1)
        paragraph.drawOn(canvas, 10, 10)
        return sizes, canvas.getpdfdata()

    assert drawn(CachedParagraph(TEXT, STYLE)) == drawn(Paragraph(TEXT, STYLE))
