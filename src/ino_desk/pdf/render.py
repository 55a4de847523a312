"""Data in, PDF bytes out: the renderer the services reach through their documents port."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ino_desk.domain.printed.bag_label import BagLabel
    from ino_desk.domain.printed.documents import OrderSheet
    from ino_desk.domain.printed.downtime_pack import DowntimePack
    from ino_desk.services.ports.documents import DocumentRenderer


@dataclass(frozen=True, slots=True)
class PdfRenderer:
    """ReportLab renderer. `invariant` gives byte-identical output for the same document."""

    invariant: bool = False

    def order_sheet(self, sheet: OrderSheet, *, reprint: bool = False) -> bytes:
        from ino_desk.pdf.order_sheet import render_order_sheet  # ReportLab loads on first use

        return render_order_sheet(sheet, invariant=self.invariant, reprint=reprint)

    def bag_label(self, label: BagLabel, *, reprint: bool = False) -> bytes:
        from ino_desk.pdf.bag_label import render_bag_label

        return render_bag_label(label, invariant=self.invariant, reprint=reprint)

    def downtime_pack(self, pack: DowntimePack) -> bytes:
        from ino_desk.pdf.downtime_pack import render_downtime_pack

        return render_downtime_pack(pack, invariant=self.invariant)


def pdf_renderer(*, invariant: bool = False) -> DocumentRenderer:
    """The renderer typed as the services' port, so mypy checks that it fits."""
    return PdfRenderer(invariant=invariant)
