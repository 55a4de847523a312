"""Turn placeholders such as `{vial_strength_mg}` into cited, ISMP-formatted text spans.

This is what keeps every clinical number of the viewer's text in one place: the section
sources name a constant, and the value, unit and citation come from the label pack.
"""

from __future__ import annotations

import re
import typing
from dataclasses import fields
from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.quantities import format_number, format_quantity
from ino_desk.domain.rules import ClinicalRules, Fact, PackInfo, RegimenRow
from ino_desk.label.document import Inline, Span, SpanKind, Table

if TYPE_CHECKING:
    from ino_desk.label.document import AdverseReactions

_TOKEN = re.compile(r"(\*\*|\{[^{}]*\})")
_COUNTED_UNITS = frozenset({"year", "day", "hour", "minute", "month", "cycle", "dose", "patient"})
_INFO_FIELDS = frozenset(f.name for f in fields(PackInfo))


class PlaceholderError(ValueError):
    """A placeholder names nothing the pack holds, or the markup around it is broken."""


def format_fact(value: Decimal, unit: str) -> str:
    """A fact's value in its unit, as a reader expects it: `7 days`, `1.5 × ULN`, `Day 21`."""
    number = format_number(value)
    special = {
        "%": f"{number}%",
        "10^9/L": f"{number} × 10⁹/L",
        "x ULN": f"{number} × ULN",
        "/mm3": f"{number}/mm³",
        "cycle day": f"Day {number}",
        "grade": f"Grade {number}",
    }
    if unit in special:
        return special[unit]
    if unit in _COUNTED_UNITS:
        return f"{number} {unit if value == 1 else unit + 's'}"
    return format_quantity(value, unit)


def _days(count: int) -> str:
    return format_fact(Decimal(count), "day")


class Resolver:
    """Resolves the inline markup of one pack; `keys` are the sections a link may name."""

    def __init__(
        self, rules: ClinicalRules, viewer_facts: dict[str, Fact[Decimal]], keys: set[str]
    ) -> None:
        clash = sorted(set(viewer_facts) & {f.name for f in fields(ClinicalRules)})
        if clash:
            raise PlaceholderError(f"viewer fact {clash[0]!r} duplicates a clinical constant")
        self.rules = rules
        self.viewer_facts = viewer_facts
        self.keys = keys

    # ------------------------------------------------------------------ inline text
    def inline(self, text: str) -> Inline:
        """Spans of one paragraph, bullet or cell; adds the verify mark once when needed."""
        spans: list[Span] = []
        strong = False
        for token in _TOKEN.split(text):
            if not token:
                continue
            if token == "**":
                strong = not strong
            elif token.startswith("{"):
                spans.append(self.placeholder(token[1:-1].strip(), strong))
            elif "{" in token or "}" in token:
                raise PlaceholderError(f"unbalanced brace in {token!r}")
            else:
                spans.append(Span(SpanKind.TEXT, token, strong))
        if strong:
            raise PlaceholderError(f"unclosed ** in {text!r}")
        unconfirmed = any(s.kind is SpanKind.VALUE and not s.verified for s in spans)
        if unconfirmed and not any(s.kind is SpanKind.VERIFY for s in spans):
            spans.append(Span(SpanKind.TEXT, " "))
            spans.append(Span(SpanKind.VERIFY, "verify against the current PI"))
        return tuple(spans)

    def placeholder(self, name: str, strong: bool = False) -> Span:
        if name == "verify":
            return Span(SpanKind.VERIFY, "verify against the current PI")
        if name.startswith("see:"):
            return self._link(name.removeprefix("see:"), strong)
        if name in _INFO_FIELDS:
            return Span(SpanKind.TEXT, str(getattr(self.rules.info, name)), strong)
        if name.startswith("dose_days."):
            return self._dose_day(name.removeprefix("dose_days."), strong)
        if name.startswith("regimen_"):
            return self._regimen(name, strong)
        base, _, form = name.partition(":")
        if form not in {"", "n"}:
            raise PlaceholderError(f"{{{name}}}: unknown form {form!r}; use {{{base}}} or :n")
        wording = self._wording(base)
        if wording is not None:  # a fact in words (contraindications, storage), shown as is
            if form:
                raise PlaceholderError(f"{{{name}}}: a fact in words has no :n form")
            return Span(
                SpanKind.VALUE,
                wording.value,
                strong,
                verified=wording.verified,
                citation=wording.citation,
            )
        fact = self._fact(base)
        text = format_number(fact.value) if form == "n" else format_fact(fact.value, fact.unit)
        return Span(SpanKind.VALUE, text, strong, verified=fact.verified, citation=fact.citation)

    def _wording(self, name: str) -> Fact[str] | None:
        fact = getattr(self.rules, name, None) if not name.startswith("_") else None
        if isinstance(fact, Fact) and isinstance(fact.value, str):
            return typing.cast("Fact[str]", fact)
        return None

    def _fact(self, name: str) -> Fact[Decimal]:
        if name in self.viewer_facts:
            return self.viewer_facts[name]
        fact = getattr(self.rules, name, None) if not name.startswith("_") else None
        if not isinstance(fact, Fact) or name == "dose_days":
            raise PlaceholderError(f"{{{name}}}: no constant or viewer fact of that name")
        value = fact.value
        number = value if isinstance(value, Decimal) else Decimal(value)
        return Fact(number, fact.unit, fact.section, fact.mark, fact.verified, fact.text)

    def _link(self, key: str, strong: bool) -> Span:
        if key not in self.keys:
            raise PlaceholderError(f"{{see:{key}}}: no section with that key")
        text = "boxed warning" if key == "BW" else f"section {key}"
        return Span(SpanKind.LINK, text, strong, target=key)

    def _dose_day(self, which: str, strong: bool) -> Span:
        fact = self.rules.dose_days
        days = fact.value
        if which == "list":
            text = "Days " + ", ".join(str(d) for d in days[:-1]) + f" and {days[-1]}"
        elif which.isdigit() and 1 <= int(which) <= len(days):
            text = f"Day {days[int(which) - 1]}"
        else:
            raise PlaceholderError(f"{{dose_days.{which}}}: use list or 1..{len(days)}")
        return Span(SpanKind.VALUE, text, strong, verified=fact.verified, citation=fact.citation)

    def regimen_row(self, name: str) -> RegimenRow:
        row = getattr(self.rules, name, None)
        if not isinstance(row, RegimenRow):
            raise PlaceholderError(f"{{{name}}}: no regimen row of that name")
        return row

    def _regimen(self, name: str, strong: bool) -> Span:
        row_name, _, attr = name.partition(".")
        row = self.regimen_row(row_name)
        doses = dict(row.doses_mg_per_m2)
        texts = {
            "doses": "/".join(format_number(d) for d in doses.values()) + " mg/m²",
            "length": _days(row.cycle_length_days),
            "total": format_quantity(row.total_mg_per_m2, "mg/m²"),
            "applies": row.applies_to,
        }
        texts.update({f"day{day}": format_quantity(d, "mg/m²") for day, d in doses.items()})
        if attr not in texts:
            raise PlaceholderError(f"{{{name}}}: use one of {', '.join(texts)}")
        citation = f"PI {row.section}"
        return Span(SpanKind.VALUE, texts[attr], strong, verified=row.verified, citation=citation)

    # ------------------------------------------------------------------ generated tables
    def regimen_table(self) -> Table:
        """PI Table 1 with all three rows, straight from the constants the dosing engine uses."""
        rules = self.rules
        rows = (rules.regimen_cycle1, rules.regimen_later_cr_cri, rules.regimen_later_no_response)
        header: list[Inline] = [(Span(SpanKind.TEXT, "Cycle"),)]
        header += [(Span(SpanKind.TEXT, f"Day {day}"),) for day in rules.dose_days.value]
        header += [(Span(SpanKind.TEXT, "Cycle length"),), (Span(SpanKind.TEXT, "Per cycle"),)]
        body: list[tuple[Inline, ...]] = []
        for row in rows:
            cite = f"PI {row.section}"

            def value(text: str, cite: str = cite, ok: bool = row.verified) -> Inline:
                return (Span(SpanKind.VALUE, text, verified=ok, citation=cite),)

            length = _days(row.cycle_length_days)
            if row is rules.regimen_cycle1:
                extended = format_fact(Decimal(rules.cycle1_extended_length_days.value), "day")
                length += f" (may extend to {extended})"
            cells: list[Inline] = [(Span(SpanKind.TEXT, row.applies_to, strong=True),)]
            cells += [value(format_quantity(d, "mg/m²")) for _, d in row.doses_mg_per_m2]
            cells += [value(length), value(format_quantity(row.total_mg_per_m2, "mg/m²"))]
            body.append(tuple(cells))
        numeric = frozenset({*range(1, len(header) - 2), len(header) - 1})
        return Table(tuple(header), tuple(body), numeric)

    def adverse_reaction_table(self, data: AdverseReactions) -> Table:
        cite = f"PI {data.section}"
        header = ((Span(SpanKind.TEXT, "Adverse reaction"),), (Span(SpanKind.TEXT, "Patients"),))
        rows = tuple(
            (
                (Span(SpanKind.TEXT, r.name),),
                (Span(SpanKind.VALUE, format_fact(r.percent, "%"), citation=cite),),
            )
            for r in data.reactions
        )
        return Table(header, rows, frozenset({1}), full_width=False)
