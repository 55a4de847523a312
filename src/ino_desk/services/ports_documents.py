"""Port through which the services have documents rendered, without knowing the format."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ino_desk.domain.documents import BagLabel, OrderSheet


class DocumentRenderer(Protocol):
    """Turns a sealed document into printable bytes (PDF in `ino_desk.pdf.render`)."""

    def order_sheet(self, sheet: OrderSheet) -> bytes: ...

    def bag_label(self, label: BagLabel) -> bytes: ...
