"""The downtime pack as PDF: the doses of the coming days, the label quick reference and
blank paper forms, for working on paper while the database cannot be reached (issue 18)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from ino_desk.domain.printed.documents import PaperSize
from ino_desk.domain.quantities import format_quantity
from ino_desk.pdf.formatting import day_text, time_text
from ino_desk.pdf.page import MARGIN, PageText, build_pdf
from ino_desk.pdf.paragraphs import CachedParagraph
from ino_desk.pdf.styles import GRID, SHADE, make_styles, markup

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from ino_desk.domain.findings import Finding
    from ino_desk.domain.printed.downtime_pack import DowntimePack, PackDose

PAGE_SIZES = {PaperSize.LETTER: LETTER, PaperSize.A4: A4}
LINE = "_" * 26
AFTERWARDS = (
    "After the downtime, enter every paper record in ino-desk marked “recorded after "
    "downtime” with the time written on the paper (dose-day, sign and bench: "
    "--after-downtime --paper-time 'YYYY-MM-DD HH:MM', or the checkbox on the screen)."
)
SIGNERS = ("Verified by (pharmacist)", "Prepared by", "Double-checked by", "Given by (nurse)")
FORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Paper order form",
        ("Patient name", "MRN", "Date of birth", "Cycle / Day", "Height (cm) / weight (kg)",
         "BSA (m²)", "Dose (mg/m²)", "Dose (mg)", "Reason for any change",
         "Ordered by (signature, printed name)", "Date/time",
         "Verified by (pharmacist: signature, printed name)", "Date/time"),
    ),
    (
        "Preparation record",
        ("Patient name", "MRN", "Cycle / Day", "Dose (mg)", "Vials used / lot / expiry",
         "Reconstituted at (time)", "Drug volume (mL)", "Diluent (mL) / bag total (mL)",
         "Diluted at (time) / stored at room temperature or refrigerated",
         "Prepared by (signature, printed name)", "Double-checked by (signature, printed name)",
         "Date/time"),
    ),
    (
        "Administration record",
        ("Patient name", "MRN", "Cycle / Day", "Bag checked against this order (initials)",
         "Premedication given (drug, dose, route, time)", "Infusion started at",
         "Infusion ended at", "Observed until", "Given, held or omitted (reason)",
         "Given by (signature, printed name)", "Date/time"),
    ),
)  # fmt: skip


class _Pack:
    def __init__(self, pack: DowntimePack, width: float) -> None:
        self.pack = pack
        self.w = width
        self.st = make_styles()

    def p(self, text: str, *, bold: bool = False, small: bool = False) -> CachedParagraph:
        style = self.st.cell_bold if bold else self.st.small if small else self.st.cell
        return CachedParagraph(markup(text), style)

    def grid(self, rows: list[list[Any]], widths: list[float], *, head: bool = True) -> Table:
        table = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
        style = list(GRID)
        if head:
            style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
        table.setStyle(TableStyle(style))
        return table

    def story(self) -> list[Flowable]:
        pk = self.pack
        story: list[Flowable] = [
            self.p(
                f"Doses planned {day_text(pk.first_day)} to {day_text(pk.last_day)}, printed "
                f"{time_text(pk.printed_at)} from {pk.source}. Figures and findings are as "
                "stored at that time; anything done since is on paper."
            ),
            Spacer(1, 4),
            self.p(AFTERWARDS, small=True),
            Spacer(1, 6),
        ]
        if not pk.doses:
            story.append(self.p("No doses are planned in these days.", bold=True))
        story.extend(self.dose(d) for d in pk.doses)
        story += [PageBreak(), *self.reference(), PageBreak(), *self.forms()]
        return story

    def dose(self, d: PackDose) -> KeepTogether:
        who = (
            f"{d.patient_name} · MRN {d.mrn} · DOB {d.date_of_birth.isoformat()} · "
            f"Allergies: {d.allergies}"
        )
        head = ("Cycle / Day", "Planned (window)", "Status", "Dose", "Vials", "Drug",
                "Diluent", "Bag total")  # fmt: skip
        row = [
            f"{d.cycle_number} / {d.day}",
            f"{day_text(d.planned_date)} ({d.window_start.isoformat()} to "
            f"{d.window_end.isoformat()})",
            d.status.value,
            format_quantity(d.dose_mg, "mg"),
            str(d.vials),
            format_quantity(d.drug_volume_ml, "mL"),
            format_quantity(d.diluent_ml, "mL"),
            format_quantity(d.total_volume_ml, "mL"),
        ]
        widths = [50.0, 0.0, 50.0, 50.0, 34.0, 52.0, 52.0, 56.0]
        widths[1] = self.w - sum(widths)
        figures = self.grid(
            [[self.p(h, bold=True) for h in head], [self.p(c) for c in row]], widths
        )
        if d.verified_by is not None and d.verified_at is not None:
            order = f"Last verified order: {d.verified_by}, {time_text(d.verified_at)}"
        else:
            order = "Order NOT verified electronically: a pharmacist verifies it on paper"
        parts: list[Flowable] = [
            Spacer(1, 6),
            self.p(who, bold=True),
            figures,
            self.p(order, bold=d.verified_by is None),
            *self.findings(d.findings),
            self.signature_lines(),
        ]
        return KeepTogether(parts)

    def findings(self, findings: tuple[Finding, ...]) -> list[Flowable]:
        if not findings:
            return [self.p("Course authority: no findings for giving it on its day.", small=True)]
        lines: list[Flowable] = [self.p("Course authority, for giving it on its day:", small=True)]
        for f in findings:
            source = f" ({f.source})" if f.source else ""
            lines.append(
                self.p(f"{f.severity.value.upper()} {f.code}{source}: {f.message}", small=True)
            )
        return lines

    def signature_lines(self) -> Table:
        cells = [[CachedParagraph(f"{markup(t)}<br/><br/>{LINE}", self.st.small) for t in SIGNERS]]
        table = Table(cells, colWidths=[self.w / len(SIGNERS)] * len(SIGNERS))
        table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 4)]))
        return table

    def reference(self) -> list[Flowable]:
        rows = [[self.p(h, bold=True) for h in ("Topic", "Label figure", "Section")]]
        rows += [[self.p(r.topic), self.p(r.text), self.p(r.citation)] for r in self.pack.reference]
        widths = [170.0, 0.0, 150.0]
        widths[1] = self.w - sum(widths)
        policy = "; ".join(self.pack.site_policy)
        return [
            CachedParagraph(
                markup(f"Label quick reference ({self.pack.label_revision})"), self.st.title
            ),
            Spacer(1, 4),
            self.grid(rows, widths),
            Spacer(1, 6),
            self.p(f"Site policy: {policy}", small=True),
        ]

    def forms(self) -> list[Flowable]:
        story: list[Flowable] = []
        for n, (title, fields) in enumerate(FORMS):
            if n:
                story.append(PageBreak())
            rows = [[self.p(f, bold=True), ""] for f in fields]
            table = Table(rows, colWidths=[210.0, self.w - 210.0], rowHeights=30)
            table.setStyle(TableStyle(GRID))
            story += [
                CachedParagraph(markup(f"{title} (downtime, blank)"), self.st.title),
                self.p(AFTERWARDS, small=True),
                Spacer(1, 6),
                table,
            ]
        return story


def render_downtime_pack(pack: DowntimePack, *, invariant: bool = False) -> bytes:
    pagesize = PAGE_SIZES[pack.paper]
    text = PageText(
        site=pack.site_name,
        title="Downtime pack",
        patient=f"All active patients · {pack.first_day.isoformat()} to "
        f"{pack.last_day.isoformat()}",
        footer=(
            f"Printed {time_text(pack.printed_at)} from {pack.source} · label revision "
            f"{pack.label_revision}",
            "For use while ino-desk's database cannot be reached; enter paper records afterwards.",
        ),
        mark="DOWNTIME",
    )
    story = _Pack(pack, pagesize[0] - 2 * MARGIN).story()
    return build_pdf(story, pagesize, text, invariant=invariant, subject="downtime pack")
