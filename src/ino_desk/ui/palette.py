"""Named screen colours, light and dark: a view asks for a meaning, never writes a colour.

Only the work queue uses it so far; older screens still carry their own colour literals.
Which set applies follows the widget's own palette (a dark window gets the dark set).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


@dataclass(frozen=True, slots=True)
class Colours:
    blocking: str  # text of a stop or blocking finding, an error message
    done: str  # work finished (labelled, given)
    progress: str  # work under way (in preparation, checked)
    muted: str  # nothing to do or not started (ordered, held, omitted)
    ok: str  # a countdown with time to spare, a success message
    amber_text: str  # a countdown within its warning time
    amber_fill: str
    red_text: str  # a countdown close to its limit
    red_fill: str
    expired_text: str  # a limit passed
    expired_fill: str


LIGHT = Colours(
    blocking="#b00020",
    done="#1b5e20",
    progress="#1f4e79",
    muted="#5b6670",
    ok="#1b5e20",
    amber_text="#5d4037",
    amber_fill="#ffe082",
    red_text="#ffffff",
    red_fill="#c62828",
    expired_text="#ffffff",
    expired_fill="#000000",
)
DARK = Colours(
    blocking="#ff8a80",
    done="#a5d6a7",
    progress="#90caf9",
    muted="#b0bec5",
    ok="#a5d6a7",
    amber_text="#1d1d1d",
    amber_fill="#ffd54f",
    red_text="#ffffff",
    red_fill="#e53935",
    expired_text="#000000",
    expired_fill="#eeeeee",
)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colours_for(widget: QWidget) -> Colours:
    return DARK if is_dark(widget.palette()) else LIGHT


def colour(value: str) -> QColor:
    return QColor(value)
