"""Load the label viewer's sections from the pack and resolve them into a LabelDocument."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ino_desk.label.document import (
    Block,
    Bullets,
    Heading,
    LabelDocument,
    Note,
    Paragraph,
    Section,
    Table,
)
from ino_desk.label.markup import MarkupError, RawBlock, RawKind, parse_markup
from ino_desk.label.pack import LabelPack, LabelPackError, load_pack
from ino_desk.label.placeholders import PlaceholderError, Resolver
from ino_desk.label.viewer_data import (
    SECTIONS_FILE,
    VIEWER_FOLDER,
    load_adverse_reactions,
    load_viewer_facts,
    read_toml,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.label.document import AdverseReactions


def load_label_document(pack: LabelPack | None = None) -> LabelDocument:
    """The whole viewer text of a (checksum-verified) pack; LabelPackError names the fault."""
    pack = pack or load_pack()
    folder = pack.folder
    facts = load_viewer_facts(folder)
    reactions = load_adverse_reactions(folder, facts)
    path = folder / VIEWER_FOLDER / SECTIONS_FILE
    raw_sections = _raw_sections(path)
    keys = {str(raw["key"]) for raw in raw_sections}
    try:
        resolver = Resolver(pack.rules, facts, keys)
    except PlaceholderError as exc:
        raise LabelPackError(f"{folder / VIEWER_FOLDER}: {exc}") from None
    built: dict[str, Section] = {}
    for raw in raw_sections:
        key = str(raw["key"])
        try:
            built[key] = _section(raw, resolver, reactions, built)
        except (MarkupError, PlaceholderError) as exc:
            raise LabelPackError(f"{path}: section {key}: {exc}") from None
    document = LabelDocument(pack.rules.info, tuple(built.values()), reactions)
    if "BW" not in built:
        raise LabelPackError(f"{path}: the boxed warning (key BW) is missing")
    return document


def _raw_sections(path: Path) -> list[dict[str, Any]]:
    raw = read_toml(path).get("section")
    if not isinstance(raw, list) or not raw:
        raise LabelPackError(f"{path}: [[section]]: no sections")
    seen: set[str] = set()
    for index, table in enumerate(raw, start=1):
        for field in ("key", "title", "body"):
            value = table.get(field) if isinstance(table, dict) else None
            if not isinstance(value, str) or not value.strip():
                raise LabelPackError(f"{path}: section[{index}].{field}: missing or empty text")
        key = table["key"]
        if key in seen:
            raise LabelPackError(f"{path}: section {key}: listed twice")
        parent = table.get("parent")
        if parent is not None and parent not in seen:
            raise LabelPackError(f"{path}: section {key}: parent {parent!r} must come before it")
        seen.add(key)
    return raw


def _section(
    raw: dict[str, Any],
    resolver: Resolver,
    reactions: AdverseReactions,
    built: dict[str, Section],
) -> Section:
    blocks: list[Block] = []
    for block in parse_markup(raw["body"]):
        blocks.extend(_blocks(block, resolver, reactions, built))
    title = "".join(span.text for span in resolver.inline(raw["title"]))
    summary = resolver.inline(raw["summary"]) if raw.get("summary") else ()
    return Section(raw["key"], title, tuple(blocks), raw.get("parent"), summary)


def _blocks(
    block: RawBlock,
    resolver: Resolver,
    reactions: AdverseReactions,
    built: dict[str, Section],
) -> list[Block]:
    match block.kind:
        case RawKind.PARAGRAPH:
            return [Paragraph(resolver.inline(block.lines[0]))]
        case RawKind.HEADING:
            return [Heading(resolver.inline(block.lines[0]))]
        case RawKind.NOTE:
            return [Note(resolver.inline(block.lines[0]))]
        case RawKind.BULLETS:
            return [Bullets(tuple(resolver.inline(item) for item in block.lines))]
        case RawKind.TABLE:
            header, *rows = block.rows
            return [
                Table(
                    tuple(resolver.inline(cell) for cell in header),
                    tuple(tuple(resolver.inline(cell) for cell in row) for row in rows),
                )
            ]
        case RawKind.DIRECTIVE:
            return _directive(block.directive, resolver, reactions, built)
    raise MarkupError(f"unknown block kind {block.kind}")  # pragma: no cover


def _directive(
    directive: tuple[str, str],
    resolver: Resolver,
    reactions: AdverseReactions,
    built: dict[str, Section],
) -> list[Block]:
    kind, name = directive
    if kind == "table" and name == "regimen":
        return [resolver.regimen_table()]
    if kind == "table" and name == "adverse_reactions":
        return [resolver.adverse_reaction_table(reactions)]
    if kind == "include" and name in built:
        included = built[name]
        return [Heading(resolver.inline(included.title)), *included.blocks]
    raise MarkupError(f"{{{kind}:{name}}}: unknown directive or a section not defined above")
