"""A stored blood draw as the order sheet's lab lines, each with the date it was drawn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.printed.documents import LabLine

if TYPE_CHECKING:
    from decimal import Decimal

    from ino_desk.domain.patients.labs import LabResult

PER_LITRE = "× 10⁹/L"


def lab_lines(draw: LabResult) -> tuple[LabLine, ...]:
    """Only the values that were measured; a missing value is not printed as zero."""
    on = draw.drawn_on
    transfused = {
        True: "transfused since the count",
        False: "no transfusion since",
        None: "",
    }[draw.platelets_transfused_since]
    candidates: list[tuple[str, Decimal | None, str, Decimal | None, str]] = [
        ("ANC", draw.anc_10e9_per_l, PER_LITRE, None, ""),
        ("Platelets", draw.platelets_10e9_per_l, PER_LITRE, None, transfused),
        # the unit of bilirubin is the laboratory's; only its ratio to the ULN is compared
        ("Total bilirubin", draw.total_bilirubin, "", draw.total_bilirubin_uln, ""),
        ("AST", draw.ast_u_per_l, "units/L", draw.ast_uln_u_per_l, ""),
        ("ALT", draw.alt_u_per_l, "units/L", draw.alt_uln_u_per_l, ""),
        ("Peripheral blasts", draw.peripheral_blasts_per_mm3, "/mm³", None, ""),
    ]
    return tuple(
        LabLine(name, value, unit, on, uln=uln, note=note)
        for name, value, unit, uln, note in candidates
        if value is not None
    )
