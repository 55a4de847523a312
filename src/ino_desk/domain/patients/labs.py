"""Dated measurements (height, weight) and laboratory results of one patient."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.corrections import EnteredInError
from ino_desk.domain.patients.lab_panel import LabPanel
from ino_desk.domain.patients.measurements import read_height, read_weight


@dataclass(frozen=True, slots=True)
class Measurement:
    """Height and weight measured on one day; limits are those of the dosing form."""

    patient_id: int
    measured_on: date
    height_cm: Decimal
    weight_kg: Decimal
    id: int | None = None
    entered_in_error: EnteredInError | None = None

    def __post_init__(self) -> None:
        read_height(self.height_cm, field="height")
        read_weight(self.weight_kg, field="weight")


def _non_negative(value: Decimal | None, field: str) -> None:
    if value is not None and (not value.is_finite() or value < 0):
        raise InputError(field, "must be zero or more")


def _with_uln(value: Decimal | None, uln: Decimal | None, field: str) -> None:
    """A liver value is only interpretable against its laboratory's upper limit of normal."""
    _non_negative(value, field)
    if value is not None and uln is None:
        raise InputError(
            f"{field} ULN", f"enter the laboratory's upper limit of normal for {field}"
        )
    if uln is not None and (not uln.is_finite() or uln <= 0):
        raise InputError(f"{field} ULN", "must be greater than zero")


@dataclass(frozen=True, slots=True)
class LabResult:
    """One blood draw. Any value may be missing (None); units are stated in the field names.

    `platelets_transfused_since` records whether a transfusion happened since the count, because
    the label asks for a platelet count independent of transfusion (PI 2.3).
    Bilirubin, AST and ALT carry their laboratory's ULN; the unit only has to match its ULN.
    """

    patient_id: int
    drawn_on: date
    anc_10e9_per_l: Decimal | None = None
    platelets_10e9_per_l: Decimal | None = None
    platelets_transfused_since: bool | None = None
    total_bilirubin: Decimal | None = None
    total_bilirubin_uln: Decimal | None = None
    ast_u_per_l: Decimal | None = None
    ast_uln_u_per_l: Decimal | None = None
    alt_u_per_l: Decimal | None = None
    alt_uln_u_per_l: Decimal | None = None
    peripheral_blasts_per_mm3: Decimal | None = None
    # Imported results: where they came from ("" when typed in) and the laboratory's order
    # number a correction refers to (a correction marks the earlier result entered in error).
    source: str = ""
    source_order: str = ""
    id: int | None = None
    entered_in_error: EnteredInError | None = None

    def __post_init__(self) -> None:
        _non_negative(self.anc_10e9_per_l, "ANC")
        _non_negative(self.platelets_10e9_per_l, "platelets")
        _non_negative(self.peripheral_blasts_per_mm3, "peripheral blasts")
        _with_uln(self.total_bilirubin, self.total_bilirubin_uln, "total bilirubin")
        _with_uln(self.ast_u_per_l, self.ast_uln_u_per_l, "AST")
        _with_uln(self.alt_u_per_l, self.alt_uln_u_per_l, "ALT")
        # A laboratory message does not say whether a transfusion preceded the count; the
        # gates then warn that it is unknown (typed-in counts must state it).
        if (
            self.platelets_10e9_per_l is not None
            and self.platelets_transfused_since is None
            and not self.source
        ):
            raise InputError(
                "platelets transfused since count", "state yes or no for a platelet count"
            )

    @property
    def imported(self) -> bool:
        return bool(self.source)

    def panel(self) -> LabPanel:
        """The values the pre-dose gates read, under the gates' names."""
        return LabPanel(
            drawn_on=self.drawn_on,
            anc=self.anc_10e9_per_l,
            platelets=self.platelets_10e9_per_l,
            platelets_transfused_since=self.platelets_transfused_since,
            total_bilirubin=self.total_bilirubin,
            total_bilirubin_uln=self.total_bilirubin_uln,
            ast=self.ast_u_per_l,
            ast_uln=self.ast_uln_u_per_l,
            alt=self.alt_u_per_l,
            alt_uln=self.alt_uln_u_per_l,
            peripheral_blasts_per_mm3=self.peripheral_blasts_per_mm3,
        )
