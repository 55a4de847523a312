"""Clinical refusals on the command line: exit 1 and one stderr line with each rule's code.

The one place that knows which exception is a clinical rule's refusal: the course authority's
`RefusedError`. The composition root (`app.main`) asks here for every domain error a command
did not handle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.findings import RefusedError

if TYPE_CHECKING:
    from ino_desk.domain.findings import Finding


def refusing_findings(exc: BaseException) -> tuple[Finding, ...] | None:
    """The findings that refused the action, or None when `exc` is no clinical refusal."""
    return exc.findings if isinstance(exc, RefusedError) else None


def refusal_line(findings: tuple[Finding, ...]) -> str:
    """`refused: VOD_STOP (PI 2.3): ...`, every refusing finding on the one line."""
    return "refused: " + "; ".join(f.one_line() for f in findings)
