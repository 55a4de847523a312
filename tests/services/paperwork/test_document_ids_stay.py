"""A document issued once keeps its id and content hash when the code is renamed (issue 15).

The hashes below were taken before the order sheet's fields were renamed to the names the
rest of the code uses (`taken_on` -> `drawn_on`, `planned`/`earliest`/`latest` ->
`planned_date`/`window_start`/`window_end`): those fields are hashed under their old names
(`hashed_as`), so a stored document still matches its reprint and its signatures."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ino_desk.services.paperwork.demo_documents import (
    demo_bag_label,
    demo_order_sheet,
    demo_settings,
)

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

AT = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def test_the_demo_order_sheet_keeps_the_id_it_was_issued_with(rules: ClinicalRules) -> None:
    sheet = demo_order_sheet(rules, 1, AT, demo_settings())
    assert sheet.labs  # its lab lines and dose rows are part of the hash
    assert (sheet.document_id, sheet.content_hash) == (
        "OS-133889989880",
        "13388998988022243f8dbfb4174197945ef323ac75de47ecaf732b034667e082",
    )


def test_the_demo_bag_label_keeps_the_id_it_was_issued_with(rules: ClinicalRules) -> None:
    label = demo_bag_label(rules, 1, 8, AT, AT, demo_settings(), None)
    assert label.document_id == "BL-6C0EAC50E1B6"
