"""The section markup parser: blocks come out as written, malformed input is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.label.markup import MarkupError, RawKind, parse_markup

WORDS = st.text(alphabet="abcdefghij ,.()", min_size=1, max_size=30).map(str.strip).filter(bool)


@given(st.lists(WORDS, min_size=1, max_size=6), WORDS, st.lists(WORDS, min_size=2, max_size=4))
def test_blocks_come_out_in_order_as_written(
    items: list[str], heading: str, cells: list[str]
) -> None:
    header = "| " + " | ".join(cells) + " |"
    body = "\n".join(
        [
            f"## {heading}",
            "",
            *(f"- {item}" for item in items),
            "",
            header,
            "|" + "---|" * len(cells),
            header,
        ]
    )
    blocks = parse_markup(body)
    assert [b.kind for b in blocks] == [RawKind.HEADING, RawKind.BULLETS, RawKind.TABLE]
    assert blocks[0].lines == (heading,)
    assert blocks[1].lines == tuple(items)
    assert blocks[2].rows == (tuple(cells), tuple(cells))


def test_indented_lines_continue_a_bullet_and_notes_join() -> None:
    blocks = parse_markup("- one\n  two\n- three\n\n! look\nhere\n\n{table:regimen}")
    assert blocks[0].lines == ("one two", "three")
    assert (blocks[1].kind, blocks[1].lines) == (RawKind.NOTE, ("look here",))
    assert blocks[2].directive == ("table", "regimen")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("- item\nnot a bullet", "neither a bullet"),
        ("| a | b |\n| c |", "same number of cells"),
        ("| a | b |", "same number of cells"),
        ("|---|---|", "same number of cells"),
        ("## Heading\ntext", "must stand alone"),
        ("| a | b\n| c | d |", "must start and end"),
    ],
)
def test_malformed_markup_is_refused(body: str, message: str) -> None:
    with pytest.raises(MarkupError, match=message):
        parse_markup(body)
