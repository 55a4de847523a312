"""Read the viewer-only figures of the label pack: cited facts and the adverse-reaction data."""

from __future__ import annotations

import tomllib
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from ino_desk.domain.rules import Fact, Mark
from ino_desk.label.document import AdverseReaction, AdverseReactions
from ino_desk.label.pack import LabelPackError

if TYPE_CHECKING:
    from pathlib import Path

VIEWER_FOLDER = "viewer"
FACTS_FILE = "facts.toml"
ADVERSE_REACTIONS_FILE = "adverse_reactions.toml"
SECTIONS_FILE = "sections.toml"


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LabelPackError(f"{path}: cannot be read: {exc}") from None


def _text(path: Path, table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LabelPackError(f"{path}: {where}.{key}: missing or empty text")
    return value


def _decimal(path: Path, table: dict[str, Any], key: str, where: str) -> Decimal:
    raw = _text(path, table, key, where)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise LabelPackError(f"{path}: {where}.{key}: {raw!r} is not a decimal") from None
    if not value.is_finite() or value < 0:
        raise LabelPackError(f"{path}: {where}.{key}: {raw!r} must be a finite number >= 0")
    return value


def _provenance(path: Path, table: dict[str, Any], where: str) -> tuple[str, Mark, bool]:
    section = _text(path, table, "section", where)
    try:
        mark = Mark(_text(path, table, "mark", where))
    except ValueError:
        raise LabelPackError(f"{path}: {where}.mark: must be L, C or U") from None
    verified = table.get("verified")
    if not isinstance(verified, bool):
        raise LabelPackError(f"{path}: {where}.verified: must be true or false")
    if mark is Mark.UNCONFIRMED and verified:
        raise LabelPackError(f"{path}: {where}.verified: a [U] fact cannot be verified = true")
    return section, mark, verified


def load_viewer_facts(folder: Path) -> dict[str, Fact[Decimal]]:
    """`viewer/facts.toml`: numbers only the viewer shows, each with its citation."""
    path = folder / VIEWER_FOLDER / FACTS_FILE
    facts = read_toml(path).get("facts")
    if not isinstance(facts, dict) or not facts:
        raise LabelPackError(f"{path}: [facts]: missing table")
    loaded: dict[str, Fact[Decimal]] = {}
    for name, table in facts.items():
        where = f"facts.{name}"
        if not isinstance(table, dict):
            raise LabelPackError(f"{path}: {where}: must be a table")
        section, mark, verified = _provenance(path, table, where)
        note = table.get("text", "")
        if not isinstance(note, str):
            raise LabelPackError(f"{path}: {where}.text: must be text")
        value = _decimal(path, table, "value", where)
        unit = _text(path, table, "unit", where)
        loaded[name] = Fact(value, unit, section, mark, verified, note)
    return loaded


def load_adverse_reactions(folder: Path, facts: dict[str, Fact[Decimal]]) -> AdverseReactions:
    """`viewer/adverse_reactions.toml`, sorted by frequency; percentages must lie in 0..100."""
    path = folder / VIEWER_FOLDER / ADVERSE_REACTIONS_FILE
    data = read_toml(path)
    source = data.get("source")
    if not isinstance(source, dict):
        raise LabelPackError(f"{path}: [source]: missing table")
    section, _mark, verified = _provenance(path, source, "source")
    fact_name = _text(path, source, "population_fact", "source")
    if fact_name not in facts:
        raise LabelPackError(f"{path}: source.population_fact: no fact named {fact_name!r}")
    raw = data.get("reaction")
    if not isinstance(raw, list) or not raw:
        raise LabelPackError(f"{path}: [[reaction]]: at least one reaction is required")
    reactions: list[AdverseReaction] = []
    for index, table in enumerate(raw, start=1):
        where = f"reaction[{index}]"
        if not isinstance(table, dict):
            raise LabelPackError(f"{path}: {where}: must be a table")
        percent = _decimal(path, table, "percent", where)
        if percent > 100:
            raise LabelPackError(f"{path}: {where}.percent: must be from 0 to 100")
        reactions.append(AdverseReaction(_text(path, table, "name", where).strip(), percent))
    names = [r.name.casefold() for r in reactions]
    if len(set(names)) != len(names):
        raise LabelPackError(f"{path}: [[reaction]]: a reaction is listed twice")
    # Stable sort: equal percentages keep the order the pack gives them.
    reactions.sort(key=lambda r: r.percent, reverse=True)
    return AdverseReactions(
        study=_text(path, source, "study", "source"),
        population=_text(path, source, "population", "source"),
        grades=_text(path, source, "grades", "source"),
        patients=facts[fact_name],
        section=section,
        verified=verified,
        reactions=tuple(reactions),
    )
