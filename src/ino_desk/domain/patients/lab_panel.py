"""Laboratory values the pre-dose checks read, in the units the label uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class LabPanel:
    """One set of results. Counts in 10⁹/L; blasts per mm³; liver tests with their ULN.

    Any value may be missing (None): a check that needs it then says so instead of passing.
    """

    drawn_on: date
    anc: Decimal | None = None
    platelets: Decimal | None = None
    platelets_transfused_since: bool | None = None  # True: count not transfusion-independent
    total_bilirubin: Decimal | None = None
    total_bilirubin_uln: Decimal | None = None
    ast: Decimal | None = None
    ast_uln: Decimal | None = None
    alt: Decimal | None = None
    alt_uln: Decimal | None = None
    peripheral_blasts_per_mm3: Decimal | None = None

    @property
    def has_cbc(self) -> bool:
        return self.anc is not None and self.platelets is not None


def times_uln(value: Decimal | None, uln: Decimal | None) -> Decimal | None:
    """Value as a multiple of its upper limit of normal, when both are known."""
    if value is None or uln is None or uln <= 0:
        return None
    return value / uln
