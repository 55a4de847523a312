"""Vial scans as a keyboard-wedge scanner types them: accepted, or refused with the reason."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.bench.vial_scan import (
    VialData,
    VialRefusedError,
    VialSource,
    accept_manual,
    accept_scan,
)
from ino_desk.domain.errors import InputError
from ino_desk.services.preparing.gs1 import read_vial_code

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

GS = "\x1d"
BESPONSA = "00300080100011"  # NDC 0008-0100-01 as GTIN-14 (see test_product_identifiers)
TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    "typed",
    [
        # DataMatrix order 01, 17, 10, GS, 21: the GS ends the variable-length lot
        f"01{BESPONSA}17281231" + f"10ABC123{GS}21SER0001",
        # with the AIM symbology identifier some scanners prefix
        f"]d201{BESPONSA}17281231" + f"10ABC123{GS}21SER0001",
        # scanner set to type "|" for the invisible FNC1
        f"01{BESPONSA}1728123110ABC123|21SER0001",
        # the printed (human readable) form, typed or pasted
        f"(01){BESPONSA}(17)281231(10)ABC123(21)SER0001",
        # DSCSA order: serial first (ended by GS), fixed expiry, lot last
        f"01{BESPONSA}21SER0001{GS}1728123110ABC123",
    ],
)
def test_well_formed_codes_give_gtin_lot_expiry_serial(typed: str) -> None:
    assert read_vial_code(typed) == VialData(BESPONSA, "ABC123", date(2028, 12, 31), "SER0001")


def test_no_separators_and_lot_last_parses() -> None:
    data = read_vial_code(f"01{BESPONSA}172812001012345")
    # GS1 day 00 means the last day of the month: December 2028 has 31 days.
    assert data == VialData(BESPONSA, "12345", date(2028, 12, 31), None)


def test_trailing_enter_from_the_scanner_is_ignored() -> None:
    assert read_vial_code(f"01{BESPONSA}1728123110ABC123\r\n").lot == "ABC123"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "nothing was scanned"),
        ("hello", "not a readable GS1 code"),
        (f"01{BESPONSA[:-1]}2", "wrong check digit"),
        (f"01{BESPONSA}17281331", "not a readable GS1 code"),  # month 13
        (f"01{BESPONSA}10ABC{GS}10DEF", "twice"),
    ],
)
def test_malformed_codes_are_refused_with_a_reason(typed: str, words: str) -> None:
    with pytest.raises(VialRefusedError) as caught:
        read_vial_code(typed)
    assert caught.value.field == "vial scan"
    assert words in caught.value.message


@given(st.text(max_size=40))
def test_any_typed_text_is_parsed_or_refused_never_crashes(typed: str) -> None:
    with contextlib.suppress(VialRefusedError):
        read_vial_code(typed)


def _scan(rules: ClinicalRules, typed: str, used: frozenset[str] = frozenset()) -> object:
    return accept_scan(rules, read_vial_code(typed), TODAY, used)


def test_the_right_vial_is_accepted(rules: ClinicalRules) -> None:
    vial = accept_scan(
        rules, VialData(BESPONSA, "ABC123", date(2028, 12, 31), "S1"), TODAY, frozenset()
    )
    assert (vial.lot, vial.serial, vial.source) == ("ABC123", "S1", VialSource.SCANNED)


def test_another_products_gtin_is_refused(rules: ClinicalRules) -> None:
    # NDC 0008-0100-02 wrapped the same way: 0030008010002, weighted sum 6+3+24+9 = 42,
    # check digit (10 − 2) mod 10 = 8: a valid GTIN, just not the accepted one.
    other = "00300080100028"
    with pytest.raises(VialRefusedError) as caught:
        _scan(rules, f"01{other}1728123110LOT9")
    assert "is not an inotuzumab ozogamicin vial" in caught.value.message
    assert "0008-0100-01" in caught.value.message
    assert "verify against the current PI" in caught.value.message


def test_an_expired_vial_is_refused_and_the_expiry_day_itself_is_usable(
    rules: ClinicalRules,
) -> None:
    with pytest.raises(VialRefusedError, match="expired on 2026-03-01"):
        _scan(rules, f"01{BESPONSA}1726030110LOT9")
    assert (
        accept_scan(rules, VialData(BESPONSA, "LOT9", TODAY, None), TODAY, frozenset()).expiry
        == TODAY
    )


def test_the_same_serial_twice_is_refused(rules: ClinicalRules) -> None:
    typed = f"01{BESPONSA}1728123110ABC123{GS}21SER0001"
    with pytest.raises(VialRefusedError, match="SER0001 was already scanned"):
        _scan(rules, typed, frozenset({"SER0001"}))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (VialData(None, "L", date(2028, 1, 1), None), "no GTIN"),
        (VialData(BESPONSA, None, date(2028, 1, 1), None), "no lot"),
        (VialData(BESPONSA, "L", None, None), "no expiry"),
    ],
)
def test_a_code_missing_a_part_sends_to_manual_entry(
    rules: ClinicalRules, data: VialData, words: str
) -> None:
    with pytest.raises(VialRefusedError, match=words):
        accept_scan(rules, data, TODAY, frozenset())


def test_manual_entry_needs_a_reason_and_a_valid_expiry() -> None:
    vial = accept_manual(" ABC123 ", date(2027, 1, 31), "label torn, code unreadable", TODAY)
    assert (vial.lot, vial.source, vial.gtin) == ("ABC123", VialSource.MANUAL, None)
    with pytest.raises(InputError, match="reason for manual entry: is required"):
        accept_manual("ABC123", date(2027, 1, 31), "  ", TODAY)
    with pytest.raises(VialRefusedError, match="expired"):
        accept_manual("ABC123", date(2026, 3, 1), "unreadable", TODAY)
    with pytest.raises(InputError, match="vial lot: at most 20 characters"):
        accept_manual("X" * 21, date(2027, 1, 31), "unreadable", TODAY)
