"""Instant full-text search over the label sections (SQLite FTS5 in an in-memory database).

The label layer may use the standard library's sqlite3 here: this index is rebuilt from the
pack at start-up, holds no patient data and is never written to disk.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ino_desk.label.text import section_body_text

if TYPE_CHECKING:
    from ino_desk.label.document import LabelDocument

_WORD = re.compile(r"\w+")
# Control characters never occur in the label text, so they safely mark the matched words.
_OPEN, _CLOSE = "\x02", "\x03"
TITLE_WEIGHT = 8.0  # a word in a section's title says more about it than one in its body
SNIPPET_WORDS = 14


@dataclass(frozen=True, slots=True)
class SearchHit:
    key: str
    title: str
    parts: tuple[tuple[str, bool], ...]  # snippet pieces; True = a matched word
    rank: float

    def snippet(self, before: str = "[", after: str = "]") -> str:
        return "".join(f"{before}{text}{after}" if hit else text for text, hit in self.parts)


def query_terms(text: str) -> list[str]:
    """The words of a query, as the index sees them."""
    return _WORD.findall(text)


def fts_query(text: str) -> str | None:
    """A safe FTS5 expression: each typed word group is a phrase; the last one is a prefix.

    Users type hyphens and quotes ("veno-occlusive", "0.9%"); FTS5 would read them as
    operators, so every chunk becomes a quoted phrase of its words.
    """
    phrases = [" ".join(query_terms(chunk)) for chunk in text.split()]
    phrases = [p for p in phrases if p]
    if not phrases:
        return None
    quoted = [f'"{p}"' for p in phrases]
    if not text[-1:].isspace():  # still typing the last word: match it as a prefix
        quoted[-1] += "*"
    return " ".join(quoted)


def _parts(snippet: str) -> tuple[tuple[str, bool], ...]:
    parts: list[tuple[str, bool]] = []
    for piece in re.split(f"({_OPEN}[^{_CLOSE}]*{_CLOSE})", snippet):
        if piece.startswith(_OPEN):
            parts.append((piece[1:-1], True))
        elif piece:
            parts.append((piece.replace("\n", " "), False))
    return tuple(parts)


class LabelSearch:
    """Built once from a LabelDocument; `search` answers in well under a millisecond."""

    def __init__(self, document: LabelDocument) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE label USING fts5("
            "key UNINDEXED, title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        self._db.executemany(
            "INSERT INTO label (key, title, body) VALUES (?, ?, ?)",
            [(s.key, s.title, section_body_text(s)) for s in document.sections],
        )
        self._titles = {s.key: s.title for s in document.sections}

    def close(self) -> None:
        self._db.close()

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Ranked hits (best first) for what the user typed; [] when nothing matches."""
        query = fts_query(text)
        if query is None:
            return []
        rows = self._db.execute(
            "SELECT key, snippet(label, 2, ?, ?, ' … ', ?), bm25(label, 0, ?, 1.0) AS score "
            "FROM label WHERE label MATCH ? ORDER BY score LIMIT ?",
            (_OPEN, _CLOSE, SNIPPET_WORDS, TITLE_WEIGHT, query, limit),
        ).fetchall()
        return [SearchHit(key, self._titles[key], _parts(snip), score) for key, snip, score in rows]
