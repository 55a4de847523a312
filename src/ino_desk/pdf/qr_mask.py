"""ReportLab's QR encoder with its mask choice scored on strings instead of Python lists.

ReportLab picks the mask by building the symbol eight times and scoring each with loops over
lists of booleans; that scoring was most of an order sheet's QR time (issue 17). The scores
here are the same numbers, computed with string and integer operations, so the same mask is
chosen and the symbol is identical module for module (tests/pdf/test_codes.py compares them).
ReportLab's scoring has two quirks that decide which mask wins, so they are kept:
its finder-like pattern rule looks at rows only (its column pass compares a tuple slice with
a list, which is never equal) and never tests the last possible position in a row.
"""

from __future__ import annotations

import itertools
import re

from reportlab.graphics.barcode import qrencoder

_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = "10111010000"


def _runs(lines: list[str]) -> int:
    """Each run of five or more same-colour modules costs its length minus two."""
    return sum(m.end() - m.start() - 2 for line in lines for m in _RUN.finditer(line))


def _blocks(rows: list[str]) -> int:
    """Each 2x2 block of one colour costs 3."""
    width = len(rows[0])
    ones = (1 << (width - 1)) - 1  # the width-1 left-hand columns of a block
    score = 0
    numbers = [int(row, 2) for row in rows]
    for upper, lower in itertools.pairwise(numbers):
        same = ~(upper ^ lower)  # both rows agree in this column
        across = ~(upper ^ (upper >> 1))  # this column agrees with its right-hand neighbour
        score += 3 * (same & (same >> 1) & across & ones).bit_count()
    return score


def lost_points(modules: list[list[bool]]) -> int:
    """ReportLab's `QRUtil.getLostPoint` of the same modules."""
    rows = ["".join("1" if m else "0" for m in row) for row in modules]
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    finder_like = sum(row[:-1].count(_FINDER_LIKE) for row in rows)  # not self-overlapping
    dark = sum(row.count("1") for row in rows)
    balance = 10 * (abs(100 * dark // len(rows) ** 2 - 50) // 5)
    return _runs(rows) + _runs(columns) + _blocks(rows) + 40 * finder_like + balance


class QuickMaskQRCode(qrencoder.QRCode):
    def getBestMaskPattern(self) -> int:  # noqa: N802 - ReportLab's name
        scores = []
        for pattern in range(8):
            self.makeImpl(True, pattern)
            scores.append(lost_points(self.modules))
        return scores.index(min(scores))  # the first lowest, as ReportLab chooses
