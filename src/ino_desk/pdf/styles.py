"""Fonts, colours and paragraph styles shared by the order sheet and the bag label."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import reportlab
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Bitstream Vera ships inside ReportLab, so every install (wheel, frozen bundle) has it; it
# carries ≥ ≤ × ² — that clinical text needs, which the 14 standard PDF fonts do not all have.
REGULAR = "InoDeskSans"
BOLD = "InoDeskSans-Bold"
OBLIQUE = "InoDeskSans-Oblique"
BOLD_OBLIQUE = "InoDeskSans-BoldOblique"

INK = colors.black
RULE = colors.Color(0.45, 0.45, 0.45)
SHADE = colors.Color(0.9, 0.9, 0.9)
WARNING_SHADE = colors.Color(0.97, 0.97, 0.97)
VOID_SHADE = colors.Color(0.8, 0.8, 0.8)  # grey, not colour: void must survive a b/w printer

# The thin ruled grid of every table on the order sheet.
GRID: list[Any] = [
    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
]


def _bundled_font(file: str) -> Path:
    """ReportLab's own copy, by its path: a bare name makes ReportLab try the working folder,
    then the name as a URL (importing urllib.request, http.client and email), then walk the
    system font folders, where another Vera.ttf could be found first."""
    return Path(reportlab.__file__).parent / "fonts" / file


@cache
def register_fonts() -> None:
    """Register the embedded fonts once per process (ReportLab keeps a global font table)."""
    for name, file in (
        (REGULAR, "Vera.ttf"),
        (BOLD, "VeraBd.ttf"),
        (OBLIQUE, "VeraIt.ttf"),
        (BOLD_OBLIQUE, "VeraBI.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(_bundled_font(file))))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=OBLIQUE, boldItalic=BOLD_OBLIQUE
    )


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    warning: ParagraphStyle


def make_styles(base_size: float = 8.5) -> Styles:
    """Styles scaled from one body size (order sheet 8.5 pt; labels use smaller)."""
    register_fonts()
    leading = base_size * 1.22
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=base_size, leading=leading)
    small = ParagraphStyle("small", parent=body, fontSize=base_size - 1, leading=leading - 1)
    cell = ParagraphStyle("cell", parent=body)
    return Styles(
        body=body,
        small=small,
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=base_size + 1.5,
            leading=leading + 2,
            spaceBefore=5,
            spaceAfter=2,
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=base_size + 5, leading=leading + 6
        ),
        warning=ParagraphStyle("warning", parent=body, fontName=BOLD),
    )


# A number is never printed on one line and its unit on the next ("0.94" / "mg").
_NUMBER_UNIT = re.compile(r"(?<=\d) (?=(?:mg|mL|m²|cm|kg|hour|day|minute|%|×|units)\b|×)")


def _escape(text: str) -> str:
    """&, < and > as entities, as xml.sax.saxutils.escape does; that module imports
    urllib.request, http.client and email, a third of the PDF commands' import time."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def markup(text: str) -> str:
    """Escape text for a Paragraph, keep numbers with their units, draw ⁹ as <super>9."""
    glued = _NUMBER_UNIT.sub("\u00a0", text)
    return _escape(glued).replace("⁹", "<super>9</super>")
