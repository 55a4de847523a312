"""Parse the viewer's small text markup into block skeletons whose text is still unresolved.

The markup (documented at the top of sections.toml) keeps the section sources readable
for a pharmacist who reviews them, while placeholders keep every number out of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_DIRECTIVE = re.compile(r"^\{(table|include):([^{}\s]+)\}$")
_TABLE_RULE = re.compile(r"^\|[\s:|-]*\|$")


class RawKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    NOTE = "note"
    BULLETS = "bullets"
    TABLE = "table"
    DIRECTIVE = "directive"


@dataclass(frozen=True, slots=True)
class RawBlock:
    """A block whose strings still hold markup: `lines` are items, rows or one paragraph."""

    kind: RawKind
    lines: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()
    directive: tuple[str, str] = ("", "")


class MarkupError(ValueError):
    pass


def _chunks(body: str) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    for line in body.strip("\n").splitlines():
        if line.strip():
            chunks[-1].append(line.rstrip())
        elif chunks[-1]:
            chunks.append([])
    return [c for c in chunks if c]


def _bullets(lines: list[str]) -> tuple[str, ...]:
    items: list[str] = []
    for line in lines:
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif items and line.startswith("  "):
            items[-1] += " " + line.strip()
        else:
            raise MarkupError(f"line {line!r} is neither a bullet nor its indented continuation")
    return tuple(items)


def _rows(lines: list[str]) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, ...]] = []
    for line in lines:
        if not (line.startswith("|") and line.endswith("|")):
            raise MarkupError(f"table line {line!r} must start and end with '|'")
        if _TABLE_RULE.match(line):
            continue
        rows.append(tuple(cell.strip() for cell in line[1:-1].split("|")))
    if len(rows) < 2 or any(len(row) != len(rows[0]) for row in rows):
        raise MarkupError("a table needs a header and rows with the same number of cells")
    return tuple(rows)


def parse_markup(body: str) -> tuple[RawBlock, ...]:
    """Split a section body into raw blocks; MarkupError says which line is malformed."""
    blocks: list[RawBlock] = []
    for chunk in _chunks(body):
        first = chunk[0]
        directive = _DIRECTIVE.match(first)
        if directive and len(chunk) == 1:
            blocks.append(RawBlock(RawKind.DIRECTIVE, (), directive=(directive[1], directive[2])))
        elif first.startswith("## "):
            if len(chunk) != 1:
                raise MarkupError(f"heading {first!r} must stand alone, followed by a blank line")
            blocks.append(RawBlock(RawKind.HEADING, (first[3:].strip(),)))
        elif first.startswith("! "):
            text = " ".join([first[2:].strip(), *(line.strip() for line in chunk[1:])])
            blocks.append(RawBlock(RawKind.NOTE, (text,)))
        elif first.startswith("- "):
            blocks.append(RawBlock(RawKind.BULLETS, _bullets(chunk)))
        elif first.startswith("|"):
            blocks.append(RawBlock(RawKind.TABLE, (), rows=_rows(chunk)))
        else:
            blocks.append(RawBlock(RawKind.PARAGRAPH, (" ".join(s.strip() for s in chunk),)))
    return tuple(blocks)
