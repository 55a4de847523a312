"""Highlight the words a search matched in a QTextEdit, and scroll to the first of them."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from ino_desk.ui.common.palette import colour, colours_for

_KEEP_WHOLE = 5


def _stem(term: str) -> str:
    # The index stems words (porter): "premedication" also finds "premedicate". Matching
    # the shared start shows the reader every word that made the hit.
    return term if len(term) <= _KEEP_WHOLE else term[: len(term) - 2]


def highlight_terms(editor: QTextEdit, terms: list[str]) -> int:
    """Mark every word starting like a term; returns how many were marked."""
    document = editor.document()
    plain = document.toPlainText()
    fmt = QTextCharFormat()
    fmt.setBackground(colour(colours_for(editor).highlight_fill))
    selections: list[QTextEdit.ExtraSelection] = []
    for term in terms:
        pattern = re.compile(r"\b" + re.escape(_stem(term)) + r"\w*", re.IGNORECASE)
        for match in pattern.finditer(plain):
            cursor = QTextCursor(document)
            cursor.setPosition(match.start())
            cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
    selections.sort(key=lambda s: s.cursor.selectionStart())
    editor.setExtraSelections(selections)
    if selections:
        first = QTextCursor(selections[0].cursor)
        first.clearSelection()
        editor.setTextCursor(first)
        editor.ensureCursorVisible()
    return len(selections)
