"""The label viewer's document model: sections made of blocks made of typed text spans."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ino_desk.domain.rules import Fact, PackInfo

VERIFY_TEXT = "verify against the current PI"


class SpanKind(StrEnum):
    TEXT = "text"
    VALUE = "value"  # a number rendered from a cited fact
    LINK = "link"  # a reference to another section; `target` is its key
    VERIFY = "verify"  # the visible "verify against the current PI" mark


@dataclass(frozen=True, slots=True)
class Span:
    kind: SpanKind
    text: str
    strong: bool = False
    target: str = ""
    verified: bool = True
    citation: str = ""


Inline = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: Inline


@dataclass(frozen=True, slots=True)
class Heading:
    spans: Inline


@dataclass(frozen=True, slots=True)
class Note:
    """A callout the reader must not miss (e.g. "this is site policy, not label text")."""

    spans: Inline


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    numeric_columns: frozenset[int] = frozenset()
    full_width: bool = True


Block = Paragraph | Heading | Note | Bullets | Table


@dataclass(frozen=True, slots=True)
class Section:
    """One PI section (or the boxed warning, or the revision note) ready to render."""

    key: str
    title: str
    blocks: tuple[Block, ...]
    parent: str | None = None
    summary: Inline = ()

    @property
    def label(self) -> str:
        """What the section list shows: `2.1 Recommended dosing regimen`."""
        return f"{self.key} {self.title}" if self.key[:1].isdigit() else self.title


@dataclass(frozen=True, slots=True)
class AdverseReaction:
    name: str
    percent: Decimal


@dataclass(frozen=True, slots=True)
class AdverseReactions:
    """Charted figures of PI 6, sorted from most to least frequent."""

    study: str
    population: str
    grades: str
    patients: Fact[Decimal]
    section: str
    verified: bool
    reactions: tuple[AdverseReaction, ...]


@dataclass(frozen=True, slots=True)
class LabelDocument:
    """Everything the viewer shows: header facts, boxed warning and the sections in order."""

    info: PackInfo
    sections: tuple[Section, ...]
    adverse_reactions: AdverseReactions
    boxed_warning_key: str = "BW"

    @property
    def boxed_warning(self) -> Section:
        return self.section(self.boxed_warning_key)

    def section(self, key: str) -> Section:
        """The section with that key (case-insensitive); KeyError when there is none."""
        wanted = key.strip().casefold()
        for section in self.sections:
            if section.key.casefold() == wanted:
                return section
        raise KeyError(key)

    def section_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)
