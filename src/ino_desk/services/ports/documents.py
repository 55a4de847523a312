"""Port through which the services have documents rendered, without knowing the format."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ino_desk.domain.printed.bag_label import BagLabel
    from ino_desk.domain.printed.documents import OrderSheet
    from ino_desk.domain.printed.downtime_pack import DowntimePack


class DocumentRenderer(Protocol):
    """Turns a sealed document into printable bytes (PDF in `ino_desk.pdf.render`).

    `reprint` prints a visible REPRINT mark: the store knows whether this document was
    issued before; the mark is not part of the content, so its hash and id stay the same.
    """

    def order_sheet(self, sheet: OrderSheet, *, reprint: bool = False) -> bytes: ...

    def bag_label(self, label: BagLabel, *, reprint: bool = False) -> bytes: ...

    def downtime_pack(self, pack: DowntimePack) -> bytes:
        """The printed pack for working on paper while the database is down (issue 18)."""
        ...
