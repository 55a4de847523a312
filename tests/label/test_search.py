"""Full-text search over the label: the right sections, sensibly ranked, never an error."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ino_desk.label.search import LabelSearch, fts_query
from ino_desk.label.sections import load_label_document

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def index() -> Iterator[LabelSearch]:
    search = LabelSearch(load_label_document())
    yield search
    search.close()


def keys(index: LabelSearch, query: str) -> list[str]:
    return [hit.key for hit in index.search(query)]


def test_veno_occlusive_is_found_in_the_boxed_warning_and_warnings(index: LabelSearch) -> None:
    found = keys(index, "veno-occlusive")
    assert {"BW", "5"} <= set(found)
    assert found[0] in {"BW", "5"}


def test_mce_is_found_in_preparation(index: LabelSearch) -> None:
    assert keys(index, "MCE") == ["2.4"]


def test_cd22_is_found_in_indication_and_pharmacology(index: LabelSearch) -> None:
    found = keys(index, "CD22")
    assert {"1", "12"} <= set(found)
    assert set(found[:2]) == {"1", "12"}


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("nylon filter", "2.4"),
        ("half-life", "12"),
        ("cytoreduction", "2.2"),
        ("premedication", "2.2"),
        ("thrombocytopenia", "6"),
        ("dialysis", "8"),
        ("contraindications", "4"),
        ("re-escalation", "2.3"),
        ("storage", "16"),
        ("Gilbert", "2.3"),
    ],
)
def test_ranking_puts_the_most_relevant_section_first(
    index: LabelSearch, query: str, best: str
) -> None:
    assert keys(index, query)[0] == best


def test_a_title_word_outranks_a_passing_mention(index: LabelSearch) -> None:
    # "interactions" is the title of 7 and appears in passing in 5 and 6.
    found = keys(index, "interactions")
    assert found[0] == "7"


def test_the_last_word_matches_as_a_prefix_while_typing(index: LabelSearch) -> None:
    assert "2.4" in keys(index, "polyethersulf")
    assert keys(index, "polyethersulf ") == []  # a finished word must match whole


def test_snippets_mark_the_matched_words(index: LabelSearch) -> None:
    (hit,) = index.search("nylon filter")
    assert (hit.key, hit.title) == ("2.4", "Preparation and administration")
    snippet = hit.snippet()
    assert "[nylon]" in snippet
    assert "[filter]" in snippet
    assert "\x02" not in snippet


def test_nothing_found_gives_no_hits(index: LabelSearch) -> None:
    assert index.search("zebra") == []
    assert index.search("  ") == []
    assert index.search("--- ***") == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("veno-occlusive", '"veno occlusive"*'),
        ("nylon filter", '"nylon" "filter"*'),
        ('"MCE" OR', '"MCE" "OR"*'),
        ("0.9% ", '"0 9"'),
        ("?!", None),
    ],
)
def test_typed_text_becomes_a_safe_fts_query(typed: str, expected: str | None) -> None:
    assert fts_query(typed) == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_any_typed_text_searches_without_error(index: LabelSearch, text: str) -> None:
    hits = index.search(text)
    assert all(hit.key and hit.title for hit in hits)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)  # best (lowest bm25) first
