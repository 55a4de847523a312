"""Lay out a cycle order sheet (ASCO/ONS order elements) as PDF flowables."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from ino_desk.domain.printed.documents import Note, PaperSize
from ino_desk.domain.printed.order_text import duration_text
from ino_desk.domain.quantities import format_number, format_quantity
from ino_desk.pdf.barcodes import QrCode
from ino_desk.pdf.formatting import day_text, time_text
from ino_desk.pdf.order_checks import criteria, findings, premedication
from ino_desk.pdf.order_signatures import electronic_signatures, signature_blocks
from ino_desk.pdf.page import MARGIN, REPRINT, PageText, audit_head_line, build_pdf
from ino_desk.pdf.paragraphs import CachedParagraph
from ino_desk.pdf.styles import GRID, INK, SHADE, WARNING_SHADE, Styles, make_styles, markup

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from ino_desk.domain.printed.documents import Administration, DoseRow, OrderSheet

PAGE_SIZES = {PaperSize.LETTER: LETTER, PaperSize.A4: A4}
QR_SIZE = 92.0

_HEADER_ROW: list[Any] = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]


class _Sheet:
    """Builds the story; one method per section so each reads like the paper it makes (the
    clinical checks and the signatures are in `order_checks` and `order_signatures`)."""

    def __init__(self, sheet: OrderSheet, width: float) -> None:
        self.s = sheet
        self.w = width
        self.st: Styles = make_styles()

    def p(self, text: str, bold: bool = False) -> CachedParagraph:
        return CachedParagraph(markup(text), self.st.cell_bold if bold else self.st.cell)

    def cited(self, note: Note) -> CachedParagraph:
        source = f" <i>({markup(note.citation)})</i>" if note.citation else ""
        return CachedParagraph(markup(note.text) + source, self.st.cell)

    def section(self, title: str, *body: Flowable) -> KeepTogether:
        """Heading and body stay on one page, so a section never starts at a page's foot."""
        return KeepTogether([CachedParagraph(markup(title), self.st.heading), *body])

    def grid(self, rows: list[list[Any]], widths: list[float], *, header: bool = True) -> Table:
        table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
        table.setStyle(TableStyle(GRID + (_HEADER_ROW if header else [])))
        return table

    def pairs(self, rows: list[tuple[str, str]], width: float) -> Table:
        label_w = 150.0
        data = [[self.p(k, bold=True), self.p(v)] for k, v in rows]
        return self.grid(data, [label_w, width - label_w], header=False)

    # ------------------------------------------------------------ sections
    def identity(self) -> Table:
        s, pt = self.s, self.s.patient
        age = pt.age_years(s.written_at.date())
        patient = [
            ("Patient", pt.full_name),
            ("MRN", pt.mrn),
            ("Date of birth", f"{pt.date_of_birth.isoformat()} (age {age} years)"),
            ("Sex", pt.sex),
            ("Allergies", pt.allergies_text),
            ("Diagnosis", pt.diagnosis or "not recorded"),
        ]
        o = s.order
        length = f"{o.cycle_length_days} days"
        if o.extension:
            length += f" (extended: {o.extension})"
        order = [
            ("Date written", time_text(s.written_at)),
            ("Regimen", o.regimen),
            ("Cycle", f"{o.cycle} — Table 1 row “{o.row}”; {length} ({o.row_citation})"),
            ("Course intent", o.hsct_intent),
            ("Previous response", o.previous_response),
            ("Dose level", o.dose_level),
        ]
        if o.cumulative:
            order.append(("Course so far", o.cumulative))
        left_w = self.w - QR_SIZE - 8
        left = [self.pairs(patient, left_w), Spacer(1, 3), self.pairs(order, left_w)]
        code = [QrCode(s.code_payload(), QR_SIZE), CachedParagraph("Scan to check", self.st.small)]
        table = Table([[left, code]], colWidths=[left_w + 8, QR_SIZE])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, 0), 8),
                    ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ]
            )
        )
        return table

    def body_size(self) -> KeepTogether:
        b = self.s.body
        bsa = f"{format_quantity(b.bsa_m2, 'm²')} ({b.bsa_formula})"
        if b.dosing_bsa_m2 != b.bsa_m2:
            bsa += f"; doses use {format_quantity(b.dosing_bsa_m2, 'm²')} (site BSA cap)"
        rows = [
            (
                "Height / weight",
                f"{format_quantity(b.height_cm, 'cm')} / "
                f"{format_quantity(b.weight_kg, 'kg')}, measured {day_text(b.measured_on)}",
            ),
            ("BSA", bsa),
        ]
        rows += [(f"Site policy: {k}", v) for k, v in b.site_policy]
        return self.section("Body size and dose basis", self.pairs(rows, self.w))

    def dose_cell(self, d: DoseRow) -> CachedParagraph:
        text = format_quantity(d.dose_mg, "mg")
        if d.note:
            text += f" ({d.note})"
        elif d.dose_mg != d.calculated_mg:
            text += f" (calculated {format_quantity(d.calculated_mg, 'mg')}; site rounding)"
        return self.p(text, bold=True)

    def each(self, a: Administration) -> str:
        """Whom the common administration is for: every dose, or those not in a syringe."""
        if a.container != "bag":
            return f"Each dose, {a.container}"
        return "Each dose in a bag" if any(d.give for d in self.s.doses) else "Each dose"

    def doses(self) -> KeepTogether:
        a = self.s.administration
        give = (
            f"{a.route} in {a.diluent} to a total of {format_quantity(a.total_volume_ml, 'mL')}, "
            f"over {duration_text(timedelta(minutes=a.infusion_minutes))} "
            f"at {format_quantity(a.rate_ml_per_h, 'mL/h')}"
        )
        head = [
            "Day",
            "Planned date",
            "Window",
            "mg/m²",
            "Dose",
            "Give",
            "Vials",
            "Drug vol.",
            "Discard",
        ]
        rows: list[list[Any]] = [[self.p(h, bold=True) for h in head]]
        for d in self.s.doses:
            window = (
                "on the day"
                if d.window_start == d.window_end
                else f"{d.window_start.isoformat()}\u00a0to {d.window_end.isoformat()}"
            )
            rows.append(
                [
                    self.p(str(d.day), bold=True),
                    self.p(day_text(d.planned_date)),
                    self.p(window),
                    self.p(format_number(d.mg_per_m2)),
                    self.dose_cell(d),
                    self.p(d.give or give),
                    self.p(str(d.vials)),
                    self.p(format_quantity(d.drug_volume_ml, "mL")),
                    self.p(format_quantity(d.discarded_mg, "mg")),
                ]
            )
        total = (
            f"Cycle total {format_quantity(self.s.total_mg, 'mg')} "
            f"({format_quantity(self.s.total_mg_per_m2, 'mg/m²')})"
        )
        rows.append([self.p(total, bold=True), "", "", "", "", "", "", "", ""])
        widths = [28.0, 62.0, 74.0, 40.0, 58.0, 0.0, 30.0, 46.0, 44.0]
        widths[5] = self.w - sum(widths)
        table = self.grid(rows, widths)
        table.setStyle(TableStyle([("SPAN", (0, -1), (-1, -1))]))
        note = self.cited(
            Note(
                f"{self.each(a)}: {give}. Drug volume at the reconstituted concentration; "
                "discard is the unused drug of the last vial (record it).",
                a.citation,
            )
        )
        return self.section("Doses", table, Spacer(1, 2), note)

    def preparation(self) -> KeepTogether:
        items = [self.cited(n) for n in self.s.preparation]
        rows = [[self.p("•"), item] for item in items]
        table = Table(rows, colWidths=[10.0, self.w - 10.0])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return self.section("Preparation and handling", table)

    def boxed_warning(self) -> Table:
        bw = self.s.boxed_warning
        text = CachedParagraph(
            markup(bw.text) + f" <i>({markup(bw.citation)})</i>", self.st.warning
        )
        box = Table([[text]], colWidths=[self.w])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.6, INK),
                    ("BACKGROUND", (0, 0), (-1, -1), WARNING_SHADE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        return box

    def story(self) -> list[Flowable]:
        return [
            self.identity(),
            Spacer(1, 4),
            self.boxed_warning(),
            self.body_size(),
            self.doses(),
            *premedication(self),
            *criteria(self),
            self.preparation(),
            findings(self),
            electronic_signatures(self),
            signature_blocks(self),
        ]


def render_order_sheet(
    sheet: OrderSheet, *, invariant: bool = False, reprint: bool = False
) -> bytes:
    """PDF bytes of the order sheet; `invariant` fixes dates and ids for golden tests."""
    pagesize = PAGE_SIZES[sheet.paper]
    pt = sheet.patient
    text = PageText(
        site=sheet.site_name,
        title=sheet.title,
        patient=f"{pt.full_name} · MRN {pt.mrn} · DOB {pt.date_of_birth.isoformat()}",
        footer=(
            f"Document {sheet.document_id} · label revision {sheet.label_revision} · "
            f"written {time_text(sheet.written_at)}",
            f"Content SHA-256 {sheet.content_hash}",
            audit_head_line(sheet.audit_head),
        ),
        mark=REPRINT if reprint else "",
    )
    width = pagesize[0] - 2 * MARGIN
    story = _Sheet(sheet, width).story()
    return build_pdf(story, pagesize, text, invariant=invariant, subject="cycle order sheet")
