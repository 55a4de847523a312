"""Body-surface area by the published formulas, in Decimal, rounded half-up to 0.01 m²."""

from __future__ import annotations

from decimal import Decimal, localcontext
from enum import StrEnum

from ino_desk.domain.quantities import HUNDREDTH, round_half_up


class BsaFormula(StrEnum):
    """Formulas a site may choose; the value is the name used on the CLI and in the database."""

    MOSTELLER = "mosteller"
    DUBOIS = "dubois"
    HAYCOCK = "haycock"
    GEHAN_GEORGE = "gehan-george"
    BOYD = "boyd"

    @property
    def display_name(self) -> str:
        return _TITLES[self]


_TITLES = {
    BsaFormula.MOSTELLER: "Mosteller",
    BsaFormula.DUBOIS: "DuBois & DuBois",
    BsaFormula.HAYCOCK: "Haycock",
    BsaFormula.GEHAN_GEORGE: "Gehan & George",
    BsaFormula.BOYD: "Boyd",
}


def bsa_unrounded(height_cm: Decimal, weight_kg: Decimal, formula: BsaFormula) -> Decimal:
    """BSA in m² at 28 significant digits, before the display rounding."""
    with localcontext() as ctx:
        ctx.prec = 28
        h, w = height_cm, weight_kg
        match formula:
            case BsaFormula.MOSTELLER:  # Mosteller 1987: sqrt(cm x kg / 3600)
                return (h * w / Decimal(3600)).sqrt()
            case BsaFormula.DUBOIS:  # DuBois & DuBois 1916
                return Decimal("0.007184") * w ** Decimal("0.425") * h ** Decimal("0.725")
            case BsaFormula.HAYCOCK:  # Haycock 1978
                return Decimal("0.024265") * w ** Decimal("0.5378") * h ** Decimal("0.3964")
            case BsaFormula.GEHAN_GEORGE:  # Gehan & George 1970
                return Decimal("0.0235") * w ** Decimal("0.51456") * h ** Decimal("0.42246")
            case BsaFormula.BOYD:  # Boyd 1935: weight in grams inside the formula
                grams = w * 1000
                exponent = Decimal("0.7285") - Decimal("0.0188") * grams.log10()
                return Decimal("0.0003207") * h ** Decimal("0.3") * grams**exponent
    raise ValueError(f"unknown BSA formula {formula!r}")  # pragma: no cover - exhaustive match


def body_surface_area(height_cm: Decimal, weight_kg: Decimal, formula: BsaFormula) -> Decimal:
    """BSA in m², rounded half-up to 0.01 m² (the value doses are computed from)."""
    return round_half_up(bsa_unrounded(height_cm, weight_kg, formula), HUNDREDTH)
