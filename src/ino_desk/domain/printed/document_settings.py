"""What a site sets for its printouts (site policy, printed on every sheet)."""

from __future__ import annotations

from dataclasses import dataclass

from ino_desk.domain.errors import InputError
from ino_desk.domain.printed.documents import LabelStock, PaperSize, PremedOrder

# Site policy, not a label rule: the label gives no premedication lead time (CLINICAL-RULES 2.2).
DEFAULT_PREMED_LEAD_MINUTES = 60
PREMED_LEAD_MINUTES_LIMITS = (0, 240)  # a setting outside this is a typing error


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    """What a site sets for its printouts: name, paper, label stock, premedication template."""

    site_name: str
    paper: PaperSize = PaperSize.LETTER
    label_stock: LabelStock = LabelStock.INCH_4X3
    premed_lead_minutes: int = DEFAULT_PREMED_LEAD_MINUTES
    # (drug class, the site's order text); empty order text prints a blank line to fill in
    premedication_template: tuple[PremedOrder, ...] = ()
    hazardous_warning: str = "HAZARDOUS DRUG: handle and dispose of as the site's policy requires"

    def __post_init__(self) -> None:
        if not self.site_name.strip():
            raise InputError("site name", "is required")
        low, high = PREMED_LEAD_MINUTES_LIMITS
        if not low <= self.premed_lead_minutes <= high:
            raise InputError("premedication lead time", f"allowed {low} to {high} minutes")
