"""Clinical refusals on the command line: exit 1 and one stderr line with each rule's code.

The one place that knows which exceptions are a clinical rule's refusal: the rule authority's
`RefusedError`, and the plan and dose-day refusals that predate it. The composition root
(`app.main`) asks here for every domain error a command did not handle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.findings import RefusedError

if TYPE_CHECKING:
    from ino_desk.domain.findings import Finding


def refusing_findings(exc: BaseException) -> tuple[Finding, ...] | None:
    """The findings that refused the action, or None when `exc` is no clinical refusal."""
    # Imported only once a command has failed: quick commands never load them.
    from ino_desk.services.cycles import PlanBlockedError
    from ino_desk.services.dose_day import DoseBlockedError

    if isinstance(exc, RefusedError | PlanBlockedError | DoseBlockedError):
        return tuple(exc.findings)
    return None


def refusal_line(findings: tuple[Finding, ...]) -> str:
    """`refused: VOD_STOP (PI 2.3): ...`, every refusing finding on the one line."""
    return "refused: " + "; ".join(f.one_line() for f in findings)
