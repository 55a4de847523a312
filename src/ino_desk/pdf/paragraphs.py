"""ReportLab's Paragraph, breaking its lines once per width instead of at every measure."""

from __future__ import annotations

from reportlab.platypus import Paragraph


class CachedParagraph(Paragraph):
    """A Paragraph whose repeated `wrap` at the width it was last wrapped to returns the same
    size without breaking the lines again (the lines it drew from stay as they were).

    Platypus wraps a table cell at the same width several times: the table measures its rows,
    a KeepTogether measures the table, the frame measures it again before drawing; on the
    order sheet two of every three line breakings were such repeats, a quarter of its layout
    time (issue 17). The line breaking depends on nothing but the text, the style and the
    width, so the PDF is byte for byte the same (tests/pdf/test_determinism.py).
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        if self._wrapped is None or self._wrapped[0] != availWidth:
            self._wrapped = (availWidth, super().wrap(availWidth, availHeight))
        return self._wrapped[1]
