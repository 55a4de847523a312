"""The code a stored dose's bag label carries in its barcode, written and read back.

`C{cycle}D{day}-{dose id}`: short enough that the barcode and its text fit the smallest label
stock whatever the MRN; the store's id makes it unique, and name, MRN, cycle and day print
above it anyway. Reading it back is how a scanned bag finds its dose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CODE = re.compile(r"C(\d{1,3})D(\d{1,3})-(\d{1,12})", re.IGNORECASE)
# What a scanner may put before a Code 128 symbol when set to send its symbology identifier.
_SCANNER_PREFIX = re.compile(r"^\]C\d")


@dataclass(frozen=True, slots=True)
class BagCode:
    cycle: int
    day: int
    dose_id: int


def bag_code(cycle: int, day: int, dose_id: int) -> str:
    return f"C{cycle}D{day}-{dose_id}"


def parse_bag_code(text: str) -> BagCode | None:
    """The dose a scanned bag label names; None when `text` is not such a code."""
    raw = _SCANNER_PREFIX.sub("", text.strip())
    found = _CODE.fullmatch(raw)
    if found is None:
        return None
    cycle, day, dose_id = (int(part) for part in found.groups())
    return BagCode(cycle, day, dose_id)
