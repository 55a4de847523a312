"""The QR code of an order sheet and the Code 128 barcode of a bag's dose id."""

from __future__ import annotations

from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing


def qr_drawing(payload: str, size: float) -> Drawing:
    """A square QR code with error-correction level M (a creased page still reads)."""
    widget = QrCodeWidget(payload, barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def code128(value: str, *, bar_height: float, bar_width: float) -> Code128:
    """A Code 128 barcode without printed digits (the label prints the id in words beside it)."""
    return Code128(value, barHeight=bar_height, barWidth=bar_width, humanReadable=False)
