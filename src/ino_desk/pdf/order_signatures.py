"""The order sheet's signature sections: every dose's electronic signatures, and the blocks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from ino_desk.domain.printed.paper_records import paper_note
from ino_desk.pdf.formatting import time_text
from ino_desk.pdf.paragraphs import CachedParagraph
from ino_desk.pdf.styles import GRID, VOID_SHADE, markup

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from ino_desk.domain.printed.documents import Note, OrderSheet, Signature
    from ino_desk.domain.printed.printed_signatures import ElectronicSignature
    from ino_desk.pdf.styles import Styles


class SheetParts(Protocol):
    """What the order sheet's builder lends its sections: the sheet, width, styles, helpers."""

    s: OrderSheet
    w: float
    st: Styles

    def p(self, text: str, bold: bool = False) -> CachedParagraph: ...

    def grid(self, rows: list[list[Any]], widths: list[float], *, header: bool = True) -> Table: ...

    def section(self, title: str, *body: Flowable) -> KeepTogether: ...

    def cited(self, note: Note) -> CachedParagraph: ...


def electronic_signatures(parts: SheetParts) -> KeepTogether:
    """Every dose's electronic signatures (21 CFR 11.50); void ones marked, never valid."""
    sigs = parts.s.electronic_signatures
    if not sigs:
        return parts.section(
            "Electronic signatures",
            parts.p("No electronic signatures are recorded for the doses on this sheet."),
        )
    head = ("Day", "Meaning", "Printed name (role)", "Date/time", "Status")
    rows: list[list[Any]] = [[parts.p(h, bold=True) for h in head]]
    void_rows: list[Any] = []
    for i, e in enumerate(sigs, start=1):
        status = parts.p("valid") if e.valid else parts.p(f"VOID: {e.void_reason}", bold=True)
        rows.append(
            [
                parts.p(str(e.day), bold=True),
                parts.p(e.meaning),
                parts.p(f"{e.name} ({e.role})"),
                parts.p(_when(e)),
                status,
            ]
        )
        if not e.valid:
            void_rows.append(("BACKGROUND", (0, i), (-1, i), VOID_SHADE))
    widths = [26.0, 120.0, 0.0, 132.0, 124.0]
    widths[2] = parts.w - sum(widths)
    table = parts.grid(rows, widths)
    table.setStyle(TableStyle(void_rows))
    note = CachedParagraph(
        markup(
            "Each dose's order is signed in ino-desk with the signer's password; a "
            "signature is VOID when the order changed after it was signed."
        ),
        parts.st.small,
    )
    return parts.section("Electronic signatures", table, Spacer(1, 2), note)


def _when(e: ElectronicSignature) -> str:
    """The signing time; a record entered after a downtime says so with its paper time."""
    if e.paper_time is None:
        return time_text(e.signed_at)
    return f"{paper_note(e.paper_time)}; entered {time_text(e.signed_at)}"


def _paper_lines(parts: SheetParts) -> list[Flowable]:
    return [
        Spacer(1, 16),
        parts.p("Signature " + "_" * 22),
        Spacer(1, 8),
        parts.p("Printed name " + "_" * 19),
        Spacer(1, 8),
        parts.p("Date/time " + "_" * 22),
    ]


def _block(parts: SheetParts, sig: Signature) -> list[Flowable]:
    lines: list[Flowable] = [parts.p(sig.role, bold=True)]
    if sig.name and not sig.signed:
        lines.append(parts.p(sig.name))
    if sig.signed and sig.signed_at is not None:
        return [
            *lines,
            parts.p(f"Signed in ino-desk by {sig.name}"),
            parts.p(time_text(sig.signed_at)),
            parts.p(f"Meaning: {sig.meaning}" if sig.meaning else ""),
        ]
    if sig.electronic:
        lines.append(parts.p(f"Signed electronically ({sig.meaning}):"))
        for e in sig.electronic:
            lines.append(parts.p(f"Day {e.day}: {e.name}", bold=True))
            lines.append(parts.p(time_text(e.signed_at)))
    if sig.unsigned_days:
        days = ", ".join(f"Day {d}" for d in sig.unsigned_days)
        lines.append(Spacer(1, 4))
        lines.append(parts.p(f"Not signed electronically for {days}: sign on paper", bold=True))
    if sig.needs_paper:
        lines += _paper_lines(parts)
    return lines


def signature_blocks(parts: SheetParts) -> KeepTogether:
    """Prescriber, verifying pharmacist and double check; paper lines wherever unsigned."""
    cells: list[Any] = [_block(parts, sig) for sig in parts.s.signatures]
    col = parts.w / len(cells)
    table = Table([cells], colWidths=[col] * len(cells))
    table.setStyle(
        TableStyle(
            [
                *GRID,
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return parts.section(
        "Signatures",
        table,
        Spacer(1, 4),
        CachedParagraph(markup(parts.s.unverified_notice), parts.st.small),
    )
