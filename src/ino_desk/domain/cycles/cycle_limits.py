"""How many cycles a course may have (PI 2.1): limits become blocking findings, never silence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.findings import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ino_desk.domain.rules import ClinicalRules


@dataclass(frozen=True, slots=True)
class CycleOutcome:
    """What was assessed at the end of one cycle; None where nobody recorded it."""

    response: Response | None
    mrd_negative: bool | None = None

    @property
    def mrd_negative_remission(self) -> bool:
        return self.response is not None and self.response.achieved and self.mrd_negative is True


def cycle_limit_findings(
    rules: ClinicalRules,
    cycle: int,
    hsct_planned: bool | None,
    outcomes: Sequence[CycleOutcome | None],
) -> list[Finding]:
    """Findings for planning `cycle`, given the outcomes of the cycles before it, in order."""
    findings: list[Finding] = []
    total = rules.max_cycles_no_hsct
    if cycle > total.value:
        findings.append(
            Finding(
                "CYCLE_LIMIT_TOTAL",
                Severity.BLOCKING,
                f"Cycle {cycle} is beyond the {total.value} cycles allowed in total "
                f"({total.citation}).",
                total.citation,
            )
        )
    findings += _hsct_findings(rules, cycle, hsct_planned, outcomes)
    findings += _response_deadline_findings(rules, cycle, outcomes)
    return findings


def _hsct_findings(
    rules: ClinicalRules,
    cycle: int,
    hsct_planned: bool | None,
    outcomes: Sequence[CycleOutcome | None],
) -> list[Finding]:
    usual = rules.max_cycles_hsct
    third = rules.max_cycles_hsct_without_mrd_negative_cr
    if hsct_planned is None:
        if cycle > usual.value:
            return [
                Finding(
                    "HSCT_PLAN_UNKNOWN",
                    Severity.BLOCKING,
                    f"HSCT plan not stated: patients proceeding to HSCT receive {usual.value} "
                    f"cycles (a {third.value}rd only without MRD-negative CR/CRi), others up to "
                    f"{rules.max_cycles_no_hsct.value}: record the HSCT plan ({usual.citation}).",
                    usual.citation,
                )
            ]
        return []
    if not hsct_planned or cycle <= usual.value:
        return []
    if cycle > third.value:
        return [
            Finding(
                "CYCLE_LIMIT_HSCT",
                Severity.BLOCKING,
                f"Cycle {cycle} for a patient proceeding to HSCT: the label allows {usual.value} "
                f"cycles, a {third.value}rd only when CR/CRi with MRD negativity was not reached; "
                f"more cycles raise the risk of VOD after HSCT ({third.citation}).",
                third.citation,
            )
        ]
    known = [o for o in outcomes if o is not None]
    if any(o.mrd_negative_remission for o in known):
        return [
            Finding(
                "CYCLE_LIMIT_HSCT",
                Severity.BLOCKING,
                f"CR/CRi with MRD negativity was reached: a patient proceeding to HSCT receives "
                f"{usual.value} cycles; a {third.value}rd is only for those without MRD-negative "
                f"remission ({third.citation}).",
                third.citation,
            )
        ]
    last = outcomes[-1] if outcomes else None
    if (
        last is None
        or last.response is None
        or (last.response.achieved and last.mrd_negative is None)
    ):
        return [
            Finding(
                "CYCLE3_HSCT_MRD_UNKNOWN",
                Severity.BLOCKING,
                f"A {third.value}rd cycle before HSCT is only for patients who did not reach "
                f"CR/CRi with MRD negativity after {usual.value} cycles: record the response "
                f"and MRD status of cycle {cycle - 1} ({third.citation}).",
                third.citation,
            )
        ]
    return []


def _response_deadline_findings(
    rules: ClinicalRules, cycle: int, outcomes: Sequence[CycleOutcome | None]
) -> list[Finding]:
    deadline = rules.response_deadline_cycles
    if cycle <= deadline.value:
        return []
    early = [o for o in outcomes[: deadline.value] if o is not None and o.response is not None]
    if any(o.response is not None and o.response.achieved for o in early):
        return []
    later = [o for o in outcomes[deadline.value :] if o is not None and o.response is not None]
    if any(o.response is not None and o.response.achieved for o in later):
        # A remission recorded later implies one within the deadline was simply not entered.
        return [
            Finding(
                "RESPONSE_BY_CYCLE_3_UNDOCUMENTED",
                Severity.WARNING,
                f"No CR/CRi is recorded for cycles 1 to {deadline.value}; confirm a remission "
                f"was reached by cycle {deadline.value} ({deadline.citation}).",
                deadline.citation,
            )
        ]
    unknown = [str(n) for n in range(1, deadline.value + 1) if not _recorded(outcomes, n)]
    # Say which responses are missing rather than assert that none was reached.
    plural = "s" if len(unknown) > 1 else ""
    missing = (
        f" (response{plural} of cycle{plural} {' and '.join(unknown)} not recorded: record "
        f"{'them' if plural else 'it'} if a remission was reached)"
        if unknown
        else ""
    )
    return [
        Finding(
            "NO_RESPONSE_BY_CYCLE_3",
            Severity.BLOCKING,
            f"No CR/CRi is documented within {deadline.value} cycles{missing}: the label says "
            f"to stop treatment ({deadline.citation}).",
            deadline.citation,
        )
    ]


def _recorded(outcomes: Sequence[CycleOutcome | None], cycle: int) -> bool:
    """Whether the response of `cycle` (1-based) is known."""
    if cycle > len(outcomes):
        return False
    outcome = outcomes[cycle - 1]
    return outcome is not None and outcome.response is not None
