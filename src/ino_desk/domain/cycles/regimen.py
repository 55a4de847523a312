"""PI 2.1 Table 1: which row a cycle follows, and how long the cycle is."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ino_desk.domain.errors import InputError
from ino_desk.domain.rules import ClinicalRules, RegimenRow


class Response(StrEnum):
    """Response assessed at the end of a cycle (PI 2.1 definitions of CR and CRi)."""

    NONE = "none"
    CR = "cr"
    CRI = "cri"

    @property
    def achieved(self) -> bool:
        return self is not Response.NONE

    @property
    def display_name(self) -> str:
        return {"none": "no CR/CRi", "cr": "CR", "cri": "CRi"}[self.value]


class ExtensionReason(StrEnum):
    """Why cycle 1 runs 28 instead of 21 days (PI 2.1)."""

    CR_CRI = "cr-cri"
    TOXICITY_RECOVERY = "toxicity-recovery"

    @property
    def display_name(self) -> str:
        return {"cr-cri": "CR/CRi achieved", "toxicity-recovery": "recovery from toxicity"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class RegimenChoice:
    row: RegimenRow
    cycle_length_days: int
    extension_reason: ExtensionReason | None


def select_regimen(
    rules: ClinicalRules,
    cycle: int,
    previous_response: Response | None,
    cycle_length_days: int | None = None,
    extension_reason: ExtensionReason | None = None,
) -> RegimenChoice:
    """Cycle 1 is the same for every patient; later cycles follow the previous response."""
    if cycle < 1:
        raise InputError("cycle", "must be a whole number of 1 or more")
    if cycle == 1:
        row = rules.regimen_cycle1
        allowed = (row.cycle_length_days, rules.cycle1_extended_length_days.value)
        length = row.cycle_length_days if cycle_length_days is None else cycle_length_days
        if length not in allowed:
            raise InputError(
                "cycle length",
                f"cycle 1 lasts {allowed[0]} or {allowed[1]} days (PI 2.1)",
            )
        reason = extension_reason if length != row.cycle_length_days else None
        return RegimenChoice(row, length, reason)
    if previous_response is None:
        raise InputError(
            "response",
            f"cycle {cycle} needs the response of cycle {cycle - 1}: none, cr or cri (PI 2.1)",
        )
    row = (
        rules.regimen_later_cr_cri
        if previous_response.achieved
        else rules.regimen_later_no_response
    )
    if cycle_length_days is not None and cycle_length_days != row.cycle_length_days:
        raise InputError(
            "cycle length",
            f"cycles after the first last {row.cycle_length_days} days (PI 2.1)",
        )
    return RegimenChoice(row, row.cycle_length_days, None)
