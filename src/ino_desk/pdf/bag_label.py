"""Lay out one infusion-bag label on the site's label stock."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Spacer, Table, TableStyle

from ino_desk.domain.printed.audit_anchors import MIN_PREFIX_HEX
from ino_desk.domain.printed.documents import LabelStock
from ino_desk.domain.printed.order_text import duration_text
from ino_desk.domain.printed.printed_signatures import LabelSigner
from ino_desk.domain.quantities import format_quantity
from ino_desk.pdf.barcodes import code128
from ino_desk.pdf.formatting import short_time_text, time_text
from ino_desk.pdf.page import REPRINT, audit_head_line, draw_mark
from ino_desk.pdf.paragraphs import CachedParagraph
from ino_desk.pdf.styles import BOLD, REGULAR, RULE, make_styles, markup

if TYPE_CHECKING:
    from collections.abc import Callable

    from reportlab.lib.styles import ParagraphStyle

    from ino_desk.domain.printed.bag_label import BagLabel

STOCK_SIZES = {
    LabelStock.INCH_4X3: (4 * inch, 3 * inch),
    LabelStock.MM_100X70: (100 * mm, 70 * mm),
}
PAD = 7.0
BARCODE_HEIGHT = 22.0
BARCODE_BAR = 0.8
LABEL_HEAD_HEX = MIN_PREFIX_HEX  # a label has no room for all 64; `--anchor` accepts these


class LabelOverflowError(RuntimeError):
    """The label's content does not fit its stock; printing part of a label is never safe."""


def _blank(value: str | None) -> str:
    return value if value else "_" * 16


class _Mark(Flowable):
    """The REPRINT mark as a flowable, so it takes its place in the label's layout."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.text, self.size = text, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = stringWidth(self.text, BOLD, self.size) + 8
        return self.width, self.size + 3

    def draw(self) -> None:
        draw_mark(self.canv, self.text, self.width, 3, self.size)


def _id_line(text: CachedParagraph, width: float, reprint: bool) -> Flowable:
    if not reprint:
        return text
    table = Table([[text, _Mark(REPRINT, 8)]], colWidths=[width - 56.0, 56.0])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _story(label: BagLabel, width: float, *, reprint: bool = False) -> list[Flowable]:
    st = make_styles(7.2)
    big = st.title.clone("dose", fontSize=15, leading=16)
    bold, body = st.cell_bold, st.cell

    def p(text: str, style: ParagraphStyle = body) -> CachedParagraph:
        return CachedParagraph(markup(text), style)

    pt = label.patient
    volumes = (
        f"{format_quantity(label.drug_volume_ml, 'mL')} drug + "
        f"{format_quantity(label.diluent_ml, 'mL')} {label.diluent} = "
        f"{format_quantity(label.total_volume_ml, 'mL')} · "
        f"{format_quantity(label.concentration_mg_per_ml, 'mg/mL')}"
    )
    over = duration_text(timedelta(minutes=label.infusion_minutes))
    times = Table(_time_rows(label, p, bold), colWidths=[96.0, width - 96.0])
    times.setStyle(
        TableStyle(
            [
                ("SPAN", (0, -1), (-1, -1)),  # how the bag is kept: one row across the box
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    lots = (
        "; ".join(f"lot {v.lot} exp {v.expiry.isoformat()}" for v in label.vial_lots)
        if label.vial_lots
        else "_" * 34
    )
    # One paragraph: the hazardous-drug warning follows on the same line, leaving room for
    # the three signers on the smallest stock.
    cautions = " · ".join([*(c.upper() for c in label.cautions[:2]), *label.cautions[2:]])
    return [
        p(pt.full_name, st.heading.clone("patient", spaceBefore=0, spaceAfter=0)),
        _id_line(
            p(
                f"MRN {pt.mrn} · DOB {pt.date_of_birth.isoformat()} · "
                f"Cycle {label.cycle} Day {label.day}"
            ),
            width,
            reprint,
        ),
        Spacer(1, 1),
        # Drug and dose on one line, the dose large: it leaves room for the storage row.
        CachedParagraph(
            f'<font size="{st.heading.fontSize}">{markup(label.drug)}</font> '
            f"{markup(format_quantity(label.dose_mg, 'mg'))}",
            big,
        ),
        p(volumes),
        p(
            f"{label.route} over {over} at {format_quantity(label.rate_ml_per_h, 'mL/h')}",
            bold,
        ),
        Spacer(1, 1),
        times,
        p(cautions, bold),
        p(f"Vials: {lots}"),
        _signers(label, width, p, bold),
    ]


def _time_rows(
    label: BagLabel, p: Callable[[str, ParagraphStyle], CachedParagraph], bold: ParagraphStyle
) -> list[list[Flowable | str]]:
    """Reconstituted (and diluted), start infusion by, complete by, and how the diluted bag
    is kept, in a row across the box with the limits' citations.

    Before dilution, dilute-by has its row, and start-by is left to fill in (bounded by the
    latest start) beside the storage choices to tick.
    """
    body = bold.clone("time_body", fontName=REGULAR)
    day = label.reconstituted_at
    cited = (
        label.limits_citation
        if label.storage_citation == label.limits_citation
        else f"{label.limits_citation}; storage {label.storage_citation}"
    )
    # A time typed afterwards says so in the row across the box: the only room on 100x70 mm.
    late = f" · {markup(label.entered_later)}" if label.entered_later else ""
    if label.diluted_at is not None and label.start_by is not None:
        diluted = _same_day_time(label.diluted_at, day)
        store = f"<b>Store diluted bag:</b> {markup(label.storage)} ({markup(cited)}){late}"
        return [
            [p("Reconstituted", bold), p(f"{time_text(day)} · diluted {diluted}", body)],
            [p("Start infusion by", bold), p(time_text(label.start_by), bold)],
            [p("Complete infusion by", bold), p(time_text(label.complete_by), bold)],
            [CachedParagraph(store, body), ""],
        ]
    latest = _same_day_time(label.latest_start, day)
    # Start-by is written by hand at dilution, from the storage ticked; one row across the
    # box holds both, so the smallest stock keeps room for the signers.
    start = (
        f"<b>Start infusion by</b> {'_' * 9} (no later than {markup(latest)}); diluted bag "
        f"kept: {markup(label.storage)} ({markup(label.storage_citation)}){late}"
    )
    small = body.clone("start_by_blank", fontSize=6.5, leading=7.6)
    return [
        [p("Reconstituted", bold), p(f"{time_text(day)} (limits: {label.limits_citation})", body)],
        [p("Dilute by", bold), p(time_text(label.dilute_by), bold)],
        [p("Complete infusion by", bold), p(time_text(label.complete_by), bold)],
        [CachedParagraph(start, small), ""],
    ]


def _same_day_time(when: datetime, day_of: datetime) -> str:
    """`13:40` on the reconstitution's date, else the full short date and time."""
    return f"{when:%H:%M}" if when.date() == day_of.date() else short_time_text(when)


def _signers(
    label: BagLabel,
    width: float,
    p: Callable[[str, ParagraphStyle], CachedParagraph],
    bold: ParagraphStyle,
) -> Table:
    """Verified / prepared / checked by, side by side: name above the signing time."""
    small = bold.clone("signer_small", fontName=REGULAR, fontSize=6.5, leading=7.6)
    small_bold = small.clone("signer_title", fontName=BOLD)
    # A label assembled without signers still prints the recorded names (or blank lines).
    signers = label.signers or (
        LabelSigner("Prepared by", label.prepared_by),
        LabelSigner("Checked by", label.checked_by),
    )
    cells: list[list[Flowable]] = []
    for signer in signers:
        # Signed on paper during a downtime and entered after: the title says so, and the
        # time shown is the paper's (a label has no room for both times).
        paper = " (paper)" if signer.paper_time is not None else ""
        lines: list[Flowable] = [
            p(f"{signer.title}{paper}:", small_bold),
            p(_blank(signer.name), bold),
        ]
        if signer.paper_time is not None:
            lines.append(p(short_time_text(signer.paper_time), small))
        elif signer.signed_at is not None:
            lines.append(p(short_time_text(signer.signed_at), small))
        elif signer.void_reason:
            lines.append(p("e-signature VOID", bold))
        cells.append(lines)
    table = Table([cells], colWidths=[width / len(cells)] * len(cells))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("LEFTPADDING", (1, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _audit_head_text(head: str) -> str:
    """The audit trail's head, its hash cut to the first digits `audit verify --anchor`
    accepts (forging even those takes about 2**64 hashes)."""
    if not head:
        return audit_head_line(head)
    seq, _, digest = head.partition(":")
    return f"Audit trail head {seq}:{digest[:LABEL_HEAD_HEX]}"


def render_bag_label(label: BagLabel, *, invariant: bool = False, reprint: bool = False) -> bytes:
    """One-page PDF the size of the label stock; refuses (raises) rather than clip content."""
    width, height = STOCK_SIZES[label.stock]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1 if invariant else 0)
    canvas.setTitle(f"Bag label {label.dose_id}")
    canvas.setAuthor(label.site_name)
    canvas.setCreator("ino-desk")
    inner = width - 2 * PAD
    footer = BARCODE_HEIGHT + 4
    frame = Frame(
        PAD,
        PAD + footer,
        inner,
        height - 2 * PAD - footer,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    story = _story(label, inner, reprint=reprint)
    frame.addFromList(story, canvas)
    if story:
        raise LabelOverflowError(
            f"the bag label does not fit {label.stock.value} stock; choose a larger stock"
        )
    barcode = code128(label.code_payload(), bar_height=BARCODE_HEIGHT, bar_width=BARCODE_BAR)
    barcode.drawOn(canvas, PAD - barcode.lquiet, PAD)
    canvas.setFont(BOLD, 7.5)
    canvas.drawRightString(width - PAD, PAD + 14, f"Dose {label.dose_id}")
    canvas.setFont(REGULAR, 5.5)
    canvas.drawRightString(width - PAD, PAD + 6, f"{label.document_id} · {label.label_revision}")
    canvas.drawRightString(width - PAD, PAD, label.site_name)
    canvas.setFont(REGULAR, 5)
    canvas.drawRightString(width - PAD, PAD + 20.5, _audit_head_text(label.audit_head))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
