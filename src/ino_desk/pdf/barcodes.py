"""The QR code of an order sheet and the Code 128 barcode of a bag's dose id."""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.code128 import Code128
from reportlab.platypus import Flowable

from ino_desk.pdf.qr_mask import QuickMaskQRCode

QUIET_MODULES = 2  # white margin around the symbol, in modules


class QrCode(Flowable):
    """A square QR code, error correction M (a creased page still reads).

    Encoded once (its mask scored quickly, `qr_mask`) and drawn as one filled path of module
    runs: ReportLab's QR widget encodes twice and draws each run as a separate shape, several
    times slower for the same symbol.
    """

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        code = QuickMaskQRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(payload)
        code.make()
        self.modules: list[list[bool]] = [[bool(m) for m in row] for row in code.modules]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules)
        box = self.size / (count + 2 * QUIET_MODULES)
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.size - (r + QUIET_MODULES + 1) * box
            column = 0
            for dark, run in itertools.groupby(row):
                length = len(list(run))
                if dark:
                    path.rect((column + QUIET_MODULES) * box, y, length * box, box)
                column += length
        self.canv.drawPath(path, stroke=0, fill=1)


def code128(value: str, *, bar_height: float, bar_width: float) -> Code128:
    """A Code 128 barcode without printed digits (the label prints the id in words beside it)."""
    return Code128(value, barHeight=bar_height, barWidth=bar_width, humanReadable=False)
