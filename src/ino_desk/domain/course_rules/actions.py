"""The actions a pharmacist takes on a course, as the authority is asked about them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.plan import CyclePlan


class DoseAct(StrEnum):
    """What is done to one dose; the value reads in a sentence ("cannot be given")."""

    MOVE = "moved"
    GIVE = "given"
    HOLD = "held"
    RELEASE = "released"
    OMIT = "omitted"
    REDUCE = "reduced"
    VERIFY = "verified"
    PREPARE = "prepared"
    DOUBLE_CHECK = "double-checked"
    BAG_LABEL = "labelled"


@dataclass(frozen=True, slots=True)
class DoseAction:
    """`on` is the date the act happens (today), or the new date of a move; `by` the user
    name of who acts, where the rule depends on it (verification)."""

    act: DoseAct
    dose_id: int
    on: date
    by: str = ""


@dataclass(frozen=True, slots=True)
class PlanCycle:
    """Plan the course's next cycle: the computed plan at the chosen level."""

    plan: CyclePlan
    level: ReductionLevel


@dataclass(frozen=True, slots=True)
class PrintOrderSheet:
    cycle: int


Action = DoseAction | PlanCycle | PrintOrderSheet
