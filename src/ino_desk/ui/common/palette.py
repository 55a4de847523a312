"""Named screen colours, light and dark: a view asks for a meaning, never writes a colour.

Which set applies follows the application's palette (a dark window gets the dark set); paper
(the label's PDF export) is always light. `pairs` lists every foreground/background the
screens put together, so a test can hold each to WCAG AA contrast (4.5:1) in both sets.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

SCHEME_VARIABLE = "INO_DESK_COLOUR_SCHEME"  # "dark" or "light"; unset: follow the system


@dataclass(frozen=True, slots=True)
class Colours:
    window: str  # the background of screens and of the label's reading pane
    text: str  # body text
    blocking: str  # text of a stop or blocking finding, an error message
    caution: str  # a warning finding, a note that needs attention
    info: str  # an information finding
    done: str  # work finished (labelled, given)
    progress: str  # work under way (in preparation, checked)
    muted: str  # nothing to do or not started; sources, who ticked, rule codes
    ok: str  # a countdown with time to spare, a success message
    heading: str  # the label's headings
    link: str
    value: str  # a clinical number in the label's text
    amber_text: str  # a countdown within its warning time
    amber_fill: str
    red_text: str  # a countdown close to its limit
    red_fill: str
    expired_text: str  # a limit passed
    expired_fill: str
    alert_text: str  # the bench's "not verified" banner
    alert_fill: str
    verify_text: str  # a label value not yet confirmed from a copy of the label
    verify_fill: str
    boxed_fill: str  # the boxed warning
    boxed_border: str
    note_fill: str
    note_border: str
    header_fill: str  # a table's header row
    grid_line: str
    selection_fill: str  # a chosen search result
    highlight_fill: str  # a search hit in the text
    chart_bar: str


LIGHT = Colours(
    window="#ffffff",
    text="#1d2329",
    blocking="#b00020",
    caution="#7a4500",
    info="#1f4e79",
    done="#1b5e20",
    progress="#1f4e79",
    muted="#5b6670",
    ok="#1b5e20",
    heading="#17324d",
    link="#1f5fa8",
    value="#0b3c5d",
    amber_text="#5d4037",
    amber_fill="#ffe082",
    red_text="#ffffff",
    red_fill="#c62828",
    expired_text="#ffffff",
    expired_fill="#000000",
    alert_text="#7f0000",
    alert_fill="#fdecea",
    verify_text="#7a3e00",
    verify_fill="#fff1c2",
    boxed_fill="#fff6f5",
    boxed_border="#1d2329",
    note_fill="#eef5fb",
    note_border="#2f6690",
    header_fill="#e8eef4",
    grid_line="#b8c2cc",
    selection_fill="#d6e6f5",
    highlight_fill="#ffe066",
    chart_bar="#2f6690",
)
DARK = Colours(
    window="#1e2227",
    text="#e6e9ec",
    blocking="#ff8a80",
    caution="#ffcc80",
    info="#90caf9",
    done="#a5d6a7",
    progress="#90caf9",
    muted="#b0bec5",
    ok="#a5d6a7",
    heading="#bbdefb",
    link="#82b1ff",
    value="#b3e5fc",
    amber_text="#1d1d1d",
    amber_fill="#ffd54f",
    red_text="#ffffff",
    red_fill="#c62828",
    expired_text="#000000",
    expired_fill="#eeeeee",
    alert_text="#ffcdd2",
    alert_fill="#5c1a1a",
    verify_text="#ffe0b2",
    verify_fill="#4e3b00",
    boxed_fill="#3a2326",
    boxed_border="#e6e9ec",
    note_fill="#1f3347",
    note_border="#90caf9",
    header_fill="#2c3a48",
    grid_line="#5b6670",
    selection_fill="#2f4f6f",
    highlight_fill="#5e4b00",
    chart_bar="#64b5f6",
)

# Every text colour on the background it is shown on (foreground field, background field).
_ON_WINDOW = (
    "text",
    "blocking",
    "caution",
    "info",
    "done",
    "progress",
    "muted",
    "ok",
    "heading",
    "link",
    "value",
)
_FILLED = (
    ("amber_text", "amber_fill"),
    ("red_text", "red_fill"),
    ("expired_text", "expired_fill"),
    ("alert_text", "alert_fill"),
    ("verify_text", "verify_fill"),
    ("text", "verify_fill"),
    ("text", "boxed_fill"),
    ("link", "boxed_fill"),
    ("text", "note_fill"),
    ("text", "header_fill"),
    ("heading", "header_fill"),
    ("text", "selection_fill"),
    ("text", "highlight_fill"),
    ("value", "highlight_fill"),
)


def pairs() -> tuple[tuple[str, str], ...]:
    """(foreground, background) field names of every pairing the screens use."""
    return tuple((name, "window") for name in _ON_WINDOW) + _FILLED


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colours_for(widget: QWidget) -> Colours:
    return DARK if is_dark(widget.palette()) else LIGHT


def current() -> Colours:
    """The set of the application's palette (for what has no widget yet, e.g. a model)."""
    return DARK if is_dark(QGuiApplication.palette()) else LIGHT


def colour(value: str) -> QColor:
    return QColor(value)


def text_style(value: str, bold: bool = False) -> str:
    """A label's style sheet for text of one named colour."""
    return f"color: {value}" + ("; font-weight: bold" if bold else "")


def filled_style(text: str, fill: str) -> str:
    """Bold text on a fill: banners and countdowns."""
    return f"background: {fill}; color: {text}; font-weight: bold"


def dark_palette(c: Colours = DARK) -> QPalette:
    """A Fusion palette made of the dark set, so Qt's own widgets match the screens."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, c.window),
        (roles.WindowText, c.text),
        (roles.Base, "#15181c"),
        (roles.AlternateBase, c.header_fill),
        (roles.Text, c.text),
        (roles.Button, "#2b3138"),
        (roles.ButtonText, c.text),
        (roles.ToolTipBase, c.header_fill),
        (roles.ToolTipText, c.text),
        (roles.PlaceholderText, c.muted),
        (roles.Highlight, c.selection_fill),
        (roles.HighlightedText, c.text),
        (roles.Link, c.link),
        (roles.BrightText, c.blocking),
    ):
        palette.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        palette.setColor(disabled, role, QColor("#7d8790"))
    return palette


def apply_scheme(app: QApplication) -> None:
    """Dark when asked (INO_DESK_COLOUR_SCHEME=dark) or when the system is dark: Fusion and
    the dark set, so every widget and every named colour agree."""
    asked = os.environ.get(SCHEME_VARIABLE, "").strip().lower()
    system_dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    if asked == "dark" or (asked != "light" and system_dark):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
