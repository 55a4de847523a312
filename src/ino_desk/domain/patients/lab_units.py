"""Lab values arriving from a laboratory: which analyte a code means, and exact unit conversion.

The pre-dose gates read counts in 10⁹/L, peripheral blasts per mm³, AST/ALT in units/L and
bilirubin as a multiple of its ULN (the order sheet prints mg/dL). A laboratory states its unit
in each result (HL7 OBX-6); a unit this table does not know is refused, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from ino_desk.domain.errors import InputError


class Analyte(StrEnum):
    """The laboratory values ino-desk stores, under the lab table's field names."""

    ANC = "anc"
    PLATELETS = "platelets"
    TOTAL_BILIRUBIN = "total_bilirubin"
    AST = "ast"
    ALT = "alt"
    PERIPHERAL_BLASTS = "peripheral_blasts"

    @property
    def display_name(self) -> str:
        return _NAMES[self]

    @property
    def unit(self) -> str:
        """The unit ino-desk stores and shows."""
        return _TARGET_UNITS[self]


_NAMES = {
    Analyte.ANC: "ANC",
    Analyte.PLATELETS: "platelets",
    Analyte.TOTAL_BILIRUBIN: "total bilirubin",
    Analyte.AST: "AST",
    Analyte.ALT: "ALT",
    Analyte.PERIPHERAL_BLASTS: "peripheral blasts",
}
_TARGET_UNITS = {
    Analyte.ANC: "10*9/L",
    Analyte.PLATELETS: "10*9/L",
    Analyte.TOTAL_BILIRUBIN: "mg/dL",
    Analyte.AST: "U/L",
    Analyte.ALT: "U/L",
    Analyte.PERIPHERAL_BLASTS: "/mm3",
}


@dataclass(frozen=True, slots=True)
class LabCode:
    """A site's mapping of a laboratory code (LOINC) to an analyte; `confirmed` once the site
    has checked it against its laboratory's catalogue (the shipped defaults are not)."""

    code: str
    analyte: Analyte
    confirmed: bool = False
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.code.strip() or len(self.code) > 40:
            raise InputError("LOINC code", "1 to 40 characters")


# Shipped defaults, each to be confirmed by the site against its laboratory's catalogue.
DEFAULT_LAB_CODES: tuple[LabCode, ...] = (
    LabCode("751-8", Analyte.ANC),  # Neutrophils [#/volume] in Blood by Automated count
    LabCode("777-3", Analyte.PLATELETS),  # Platelets [#/volume] in Blood by Automated count
    LabCode("1975-2", Analyte.TOTAL_BILIRUBIN),  # Bilirubin.total [Mass/volume] in Ser/Plas
    LabCode("14631-6", Analyte.TOTAL_BILIRUBIN),  # Bilirubin.total [Moles/volume] in Ser/Plas
    LabCode("1920-8", Analyte.AST),  # Aspartate aminotransferase [Enzymatic activity/volume]
    LabCode("1742-6", Analyte.ALT),  # Alanine aminotransferase [Enzymatic activity/volume]
    LabCode("30376-8", Analyte.PERIPHERAL_BLASTS),  # Blasts [#/volume] in Blood
)

_COUNT = (Analyte.ANC, Analyte.PLATELETS)
# One microlitre is 10⁻⁶ L, so 1 cell/µL = 10⁶/L = 0.001 × 10⁹/L; 1 mm³ = 1 µL.
_PER_UL_IN_10E9_PER_L = Decimal("0.001")
# Bilirubin, C33H36N4O6, 584.66 g/mol: 1 µmol/L = 584.66 µg/L = 0.058466 mg/dL.
_BILIRUBIN_MG_DL_PER_UMOL_L = Decimal("0.058466")
# 1 U = 1 µmol/min and 1 kat = 1 mol/s, so 1 µkat/L = 60 U/L exactly.
_U_PER_L_PER_UKAT_L = Decimal(60)

# Spellings senders use, folded (see `_fold`), to the unit's factor into the stored unit.
_FACTORS: dict[Analyte, dict[str, Decimal]] = {
    **{
        a: {
            "10*9/l": Decimal(1),
            "10^9/l": Decimal(1),
            "x10e9/l": Decimal(1),
            "10e9/l": Decimal(1),
            "g/l": Decimal(1),  # giga per litre, as European analysers print it
            "10*3/ul": Decimal(1),  # 10³/µL = 10⁹/L
            "10^3/ul": Decimal(1),
            "x10e3/ul": Decimal(1),
            "k/ul": Decimal(1),
            "/ul": _PER_UL_IN_10E9_PER_L,
            "cells/ul": _PER_UL_IN_10E9_PER_L,
            "/mm3": _PER_UL_IN_10E9_PER_L,
            "cells/mm3": _PER_UL_IN_10E9_PER_L,
        }
        for a in _COUNT
    },
    Analyte.PERIPHERAL_BLASTS: {
        "/mm3": Decimal(1),
        "cells/mm3": Decimal(1),
        "/ul": Decimal(1),
        "cells/ul": Decimal(1),
        "10*9/l": Decimal(1000),
        "10^9/l": Decimal(1000),
        "x10e9/l": Decimal(1000),
        "10*3/ul": Decimal(1000),
        "k/ul": Decimal(1000),
    },
    Analyte.TOTAL_BILIRUBIN: {
        "mg/dl": Decimal(1),
        "umol/l": _BILIRUBIN_MG_DL_PER_UMOL_L,
    },
    **{
        a: {
            "u/l": Decimal(1),
            "iu/l": Decimal(1),
            "[iu]/l": Decimal(1),
            "units/l": Decimal(1),
            "ukat/l": _U_PER_L_PER_UKAT_L,
        }
        for a in (Analyte.AST, Analyte.ALT)
    },
}


def _fold(unit: str) -> str:
    """Case, spaces and the micro sign are how senders differ; nothing else is forgiven."""
    return (
        unit.strip().replace(" ", "").replace("µ", "u").replace("μ", "u").replace("³", "3")
    ).casefold()


def known_units(analyte: Analyte) -> tuple[str, ...]:
    return tuple(sorted(_FACTORS[analyte]))


def read_number(text: str, field: str) -> Decimal:
    """A plain decimal number as a laboratory sends it; anything else (<5, 1e3, text) refused."""
    stripped = text.strip()
    if not stripped or any(c not in "0123456789.-+" for c in stripped):
        raise InputError(field, f"{text!r} is not a plain number")
    try:
        value = Decimal(stripped)
    except InvalidOperation as exc:
        raise InputError(field, f"{text!r} is not a plain number") from exc
    if not value.is_finite():
        raise InputError(field, f"{text!r} is not a plain number")
    return value


def convert(analyte: Analyte, value: Decimal, unit: str) -> Decimal:
    """`value` in `unit` expressed exactly in the analyte's stored unit; an unknown unit is
    refused with the units that are understood."""
    factor = _FACTORS[analyte].get(_fold(unit))
    if factor is None:
        allowed = ", ".join(known_units(analyte))
        raise InputError(
            f"{analyte.display_name} unit",
            f"{unit!r} is not a unit ino-desk converts; understood: {allowed}",
        )
    return value * factor


def upper_limit(reference_range: str) -> Decimal | None:
    """The upper limit of normal from a reference range as labs send it (OBX-7: "10-40",
    "<40", "0.2 - 1.2"); None when the range states none."""
    text = reference_range.strip()
    if not text:
        return None
    if text.startswith(("<=", "≤")):
        upper = text.lstrip("<=≤")
    elif text.startswith("<"):
        upper = text[1:]
    elif "-" in text.lstrip("-"):
        upper = text.rsplit("-", 1)[1]
    else:
        return None
    return read_number(upper, "reference range (OBX-7)")
