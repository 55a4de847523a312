"""One palette (issue 16): no colour literal in a view, and every text colour readable on its
background in the light and the dark set (WCAG 2.x AA, contrast ratio >= 4.5:1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from ino_desk.ui.common import palette
from ino_desk.ui.common.palette import DARK, LIGHT, Colours, colours_for, dark_palette, pairs

UI = Path(palette.__file__).parents[1]  # the whole of ino_desk/ui, every feature folder
AA = 4.5


def _linear(channel: int) -> float:
    """sRGB channel to linear light (WCAG 2.x relative luminance definition)."""
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the famous grey


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_every_pair_of_the_palette_reaches_aa(colours: Colours) -> None:
    low = {
        f"{fg} on {bg}": round(contrast(getattr(colours, fg), getattr(colours, bg)), 2)
        for fg, bg in pairs()
        if contrast(getattr(colours, fg), getattr(colours, bg)) < AA
    }
    assert low == {}


def test_body_text_of_the_dark_qt_palette_reaches_aa() -> None:
    qt = dark_palette()
    roles = QPalette.ColorRole
    for fg, bg in (
        (roles.WindowText, roles.Window),
        (roles.Text, roles.Base),
        (roles.ButtonText, roles.Button),
        (roles.HighlightedText, roles.Highlight),
        (roles.ToolTipText, roles.ToolTipBase),
    ):
        ratio = contrast(qt.color(fg).name(), qt.color(bg).name())
        assert ratio >= AA, (fg, bg, ratio)


def test_the_set_follows_the_widgets_palette(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    assert (
        colours_for(label) is LIGHT
        or QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    )
    label.setPalette(dark_palette())
    assert colours_for(label) is DARK


def test_no_view_writes_a_colour_of_its_own() -> None:
    literal = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b|QColor\(|\bcolor:\s*white\b")
    found = [
        f"{path.relative_to(UI)}:{n}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "palette.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if literal.search(line)
    ]
    assert found == []
