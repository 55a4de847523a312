"""Institution policies: explicit settings whose defaults conform to the label."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ino_desk.domain.bench.dose_rounding import DoseRoundingPolicy
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.quantities import format_number

# Product default, not a label rule: the label neither caps BSA nor names a formula.
DEFAULT_BSA_FORMULA = BsaFormula.MOSTELLER
# Issue #2 alert threshold for a BSA that drifted since the course began (site may change it).
DEFAULT_BSA_CHANGE_ALERT_PERCENT = Decimal(10)


@dataclass(frozen=True, slots=True)
class SitePolicy:
    """What a site decided where the label leaves room; printed on every order sheet."""

    bsa_formula: BsaFormula = DEFAULT_BSA_FORMULA
    dose_rounding: DoseRoundingPolicy = field(default_factory=DoseRoundingPolicy)
    bsa_cap_m2: Decimal | None = None  # None: no cap (the label sets none)
    bsa_change_alert_percent: Decimal = DEFAULT_BSA_CHANGE_ALERT_PERCENT
    # Separation of duties (issue 16): a second pharmacist verifies what one planned, unless
    # the site has a single pharmacist and says so; printed on every sheet either way.
    planner_may_verify: bool = False

    def __post_init__(self) -> None:
        if self.bsa_cap_m2 is not None and not Decimal(1) <= self.bsa_cap_m2 <= Decimal(3):
            raise InputError("BSA cap", "allowed 1 to 3 m², or no cap")
        if not Decimal(1) <= self.bsa_change_alert_percent <= Decimal(50):
            raise InputError("BSA change alert", "allowed 1 to 50 %")

    def lines(self) -> tuple[str, ...]:
        """The same pairs as "label: value" lines, the form a stored cycle keeps."""
        return tuple(f"{label}: {value}" for label, value in self.describe())

    def describe(self) -> list[tuple[str, str]]:
        """Label/value pairs for printouts."""
        cap = "none" if self.bsa_cap_m2 is None else f"{format_number(self.bsa_cap_m2)} m²"
        return [
            ("BSA formula", self.bsa_formula.display_name),
            ("BSA cap", cap),
            ("Dose rounding", self.dose_rounding.describe()),
            (
                "Order verification",
                "the planner may verify (single-pharmacist site)"
                if self.planner_may_verify
                else "by a pharmacist other than the planner",
            ),
        ]
