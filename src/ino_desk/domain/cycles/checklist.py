"""The pre-dose and premedication checklist: which items apply to a dose and what is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from ino_desk.domain.findings import Finding, Severity
from ino_desk.domain.quantities import format_number

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ino_desk.domain.rules import ClinicalRules


class Applies(StrEnum):
    EVERY_DOSE = "every dose"
    FIRST_DOSE = "first dose of the course"  # cycle 1, Day 1
    LATER_CYCLE_START = "first dose of every later cycle"  # cycles 2 and later, Day 1


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    key: str
    title: str
    applies: Applies
    source: str
    is_premedication: bool = False


def checklist_items(rules: ClinicalRules) -> tuple[ChecklistItem, ...]:
    """Items in the order a pharmacist works through them; sources cite the PI."""
    obs = rules.observation_after_infusion_min
    blasts = rules.cytoreduction_max_blasts_per_mm3
    every, first, later = Applies.EVERY_DOSE, Applies.FIRST_DOSE, Applies.LATER_CYCLE_START
    return (
        ChecklistItem(
            "premed_corticosteroid",
            "Corticosteroid given before the infusion",
            every,
            "PI 2.2",
            True,
        ),
        ChecklistItem(
            "premed_antipyretic", "Antipyretic given before the infusion", every, "PI 2.2", True
        ),
        ChecklistItem(
            "premed_antihistamine", "Antihistamine given before the infusion", every, "PI 2.2", True
        ),
        ChecklistItem("cbc_reviewed", "CBC reviewed for this dose", every, "PI 5"),
        # Hepatotoxicity (PI 5): the bilirubin and AST/ALT hold rule applies to each dose (PI 2.3).
        ChecklistItem(
            "liver_tests_reviewed",
            "Bilirubin, AST and ALT reviewed for this dose",
            every,
            "PI 2.3, 5",
        ),
        ChecklistItem(
            "cytoreduction",
            f"Peripheral blasts ≤ {format_number(blasts.value)}/mm³ (cytoreduction done if needed)",
            first,
            blasts.citation,
        ),
        ChecklistItem(
            "pregnancy_test",
            "Pregnancy test before starting (females of reproductive potential) or not applicable",
            first,
            "PI 5",
        ),
        # QT prolongation (PI 5): "baseline and periodically". The label gives no interval, so
        # none is invented: the baseline before the first dose, and at the start of every
        # later cycle the pharmacist confirms a periodic check was considered.
        ChecklistItem("ecg_electrolytes", "ECG and electrolytes at baseline", first, "PI 5"),
        ChecklistItem(
            "ecg_electrolytes_periodic",
            "ECG and electrolytes (periodically): check considered",
            later,
            "PI 5",
        ),
        ChecklistItem("light_protection", "Bag protected from light", every, "PI 2.4"),
        ChecklistItem(
            "container_filter",
            "Container, line and filter materials allowed (no nylon or MCE filter)",
            every,
            "PI 2.4",
        ),
        ChecklistItem("dedicated_line", "Dedicated line; not mixed or co-infused", every, "PI 2.4"),
        ChecklistItem(
            "observation_planned",
            f"Observation during and for at least {obs.value} minutes after the infusion planned",
            every,
            obs.citation,
        ),
    )


def items_for_dose(rules: ClinicalRules, cycle: int, day: int) -> tuple[ChecklistItem, ...]:
    cycle_start = day == rules.dose_days.value[0]
    applies = {Applies.EVERY_DOSE}
    if cycle_start:
        applies.add(Applies.FIRST_DOSE if cycle == 1 else Applies.LATER_CYCLE_START)
    return tuple(item for item in checklist_items(rules) if item.applies in applies)


def missing_items(items: Iterable[ChecklistItem], ticked: Iterable[str]) -> list[ChecklistItem]:
    done = set(ticked)
    return [item for item in items if item.key not in done]


def premedication_timing_findings(
    given_at: datetime, infusion_start: datetime, lead_time_minutes: int, title: str
) -> list[Finding]:
    """Premedication must come before the infusion; the lead time is site policy, not label."""
    if given_at >= infusion_start:
        return [
            Finding(
                "PREMEDICATION_AFTER_START",
                Severity.BLOCKING,
                f"{title}: recorded at or after the infusion start; premedicate before every "
                "dose (PI 2.2).",
                "PI 2.2",
            )
        ]
    if infusion_start - given_at < timedelta(minutes=lead_time_minutes):
        return [
            Finding(
                "PREMEDICATION_LEAD_TIME",
                Severity.WARNING,
                f"{title}: given less than {lead_time_minutes} minutes before the infusion "
                "(site policy; the label gives no lead time).",
                "site policy",
            )
        ]
    return []
