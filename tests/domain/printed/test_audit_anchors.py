"""`SEQ:HASH` as printed and typed back (issue 14)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.errors import InputError
from ino_desk.domain.printed.audit_anchors import AuditAnchor, parse_anchor

HEX = "0123456789abcdef"


@given(st.integers(0, 10**12 - 1), st.text(HEX, min_size=64, max_size=64))
def test_a_printed_anchor_reads_back(seq: int, digest: str) -> None:
    anchor = AuditAnchor(seq, digest)
    assert parse_anchor(anchor.text) == anchor
    assert parse_anchor(f"  {seq}:{digest.upper()} ") == anchor  # typed in capitals, spaces
    assert parse_anchor(f"{seq}:{digest[:16]}").matches(digest)  # as a bag label prints it


@given(st.text(max_size=80))
def test_anything_else_is_refused_naming_the_anchor(text: str) -> None:
    error: InputError | None = None
    try:
        anchor = parse_anchor(text)
    except InputError as exc:
        error = exc
    if error is not None:
        assert error.field == "anchor"
    else:
        assert 16 <= len(anchor.hash) <= 64


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12",
        "12:",
        ":abc",
        "1:" + "a" * 15,
        "1:" + "a" * 65,
        "-1:" + "a" * 64,
        "1:" + "g" * 64,
        "1 :" + "a" * 64,
    ],
)
def test_malformed_anchors(text: str) -> None:
    with pytest.raises(InputError, match=r"^anchor: "):
        parse_anchor(text)
