"""Billing the drug of single-dose vials: HCPCS J9229 units with the JW and JZ modifiers.

J9229 is "Injection, inotuzumab ozogamicin, 0.1 mg": one billing unit is 0.1 mg, so a 0.9 mg
vial holds 9 units. Medicare asks for the administered amount on one line and the discarded
amount of a single-dose vial on a separate line with modifier JW; modifier JZ states that
nothing was discarded (Medicare Claims Processing Manual, ch. 17 § 40; CMS JW/JZ policy).
How an amount that is not a whole unit is rounded is the site's billing rule, printed on the
report; the default is the CMS one: administered rounded up to the next unit, discarded
rounded down, so administered + discarded never exceed what the vials held.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum

HCPCS_CODE = "J9229"
BILLING_UNIT_MG = Decimal("0.1")  # HCPCS J9229 descriptor: "inotuzumab ozogamicin, 0.1 mg"
DISCARDED_MODIFIER = "JW"  # drug amount discarded/not administered to any patient
NOTHING_DISCARDED_MODIFIER = "JZ"  # zero drug amount discarded
NDC_UNIT_OF_MEASURE = "UN"  # NDC quantity qualifier: units (vials), as on the claim's N4


class BillingRounding(StrEnum):
    ADMINISTERED_UP = "administered up, discarded down"
    NEAREST = "each to the nearest unit"

    @property
    def statement(self) -> str:
        return _STATEMENTS[self]


_STATEMENTS = {
    BillingRounding.ADMINISTERED_UP: (
        "J9229 units of 0.1 mg: administered amount rounded up to the next unit, discarded "
        "amount rounded down (CMS: never bill more than the vials held)"
    ),
    BillingRounding.NEAREST: (
        "J9229 units of 0.1 mg: administered and discarded amounts each rounded to the "
        "nearest unit, half up (site rule; capped at what the vials held)"
    ),
}


def ndc_11(ndc_10: str) -> str:
    """The 11-digit 5-4-2 NDC billing uses, from the label's 10-digit NDC (4-4-2, 5-3-2 or
    5-4-1), padding the short segment with a leading zero."""
    parts = ndc_10.strip().split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"{ndc_10!r} is not a 10-digit NDC with hyphens")
    labeler, product, package = parts
    return f"{labeler.zfill(5)}-{product.zfill(4)}-{package.zfill(2)}"


@dataclass(frozen=True, slots=True)
class DoseBilling:
    """The J9229 lines of one dose."""

    administered_mg: Decimal
    discarded_mg: Decimal
    vials: int
    administered_units: int
    discarded_units: int

    @property
    def modifier(self) -> str:
        """JW when discarded units are billed, JZ when nothing was discarded; "" when some
        drug was discarded but less than one unit (no JW line, and JZ would be untrue)."""
        if self.discarded_units > 0:
            return DISCARDED_MODIFIER
        return NOTHING_DISCARDED_MODIFIER if self.discarded_mg == 0 else ""


def _units(mg: Decimal, rounding: str) -> int:
    return int((mg / BILLING_UNIT_MG).to_integral_value(rounding=rounding))


def bill_dose(
    administered_mg: Decimal,
    discarded_mg: Decimal,
    vials: int,
    vial_mg: Decimal,
    rule: BillingRounding = BillingRounding.ADMINISTERED_UP,
) -> DoseBilling:
    if administered_mg < 0 or discarded_mg < 0 or vials < 0:
        raise ValueError("amounts and vials cannot be negative")
    held = _units(vials * vial_mg, ROUND_FLOOR)
    if rule is BillingRounding.ADMINISTERED_UP:
        given = _units(administered_mg, ROUND_CEILING)
        discarded = _units(discarded_mg, ROUND_FLOOR)
    else:
        # a dose given is at least one unit, however small (CMS: bill the whole unit)
        given = max(_units(administered_mg, ROUND_HALF_UP), 1 if administered_mg else 0)
        discarded = _units(discarded_mg, ROUND_HALF_UP)
    given = min(given, held) if vials else given
    discarded = max(0, min(discarded, held - given)) if vials else discarded
    return DoseBilling(administered_mg, discarded_mg, vials, given, discarded)
