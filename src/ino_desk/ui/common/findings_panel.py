"""Show a list of findings, blocking first, each with the rule's message and its PI source."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout

from ino_desk.domain.findings import Severity
from ino_desk.ui.common.palette import current

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtWidgets import QWidget

    from ino_desk.domain.findings import Finding

_ORDER = {Severity.STOP: 0, Severity.BLOCKING: 1, Severity.WARNING: 2, Severity.INFO: 3}
_BADGE = {  # the word, and the palette's name for its colour
    Severity.STOP: ("STOP", "blocking"),
    Severity.BLOCKING: ("BLOCKING", "blocking"),
    Severity.WARNING: ("WARNING", "caution"),
    Severity.INFO: ("INFO", "info"),
}


def sorted_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Stops first, then blocking, then warnings, then information; stable within a severity."""
    return sorted(findings, key=lambda f: _ORDER[f.severity])


def findings_html(findings: Sequence[Finding], empty_text: str) -> str:
    if not findings:
        return f"<p>{escape(empty_text)}</p>"
    rows = []
    colours = current()
    for finding in sorted_findings(findings):
        word, meaning = _BADGE[finding.severity]
        colour = getattr(colours, meaning)
        source = f" <i>[{escape(finding.source)}]</i>" if finding.source else ""
        rows.append(
            f"<tr><td style='color:{colour}; font-weight:bold; padding-right:8px'>{word}</td>"
            f"<td>{escape(finding.message)}{source}"
            f"<br><span style='color:{colours.muted}'>rule {escape(finding.code)}</span></td></tr>"
        )
    return "<table cellspacing='4'>" + "".join(rows) + "</table>"


class FindingsPanel(QFrame):
    """Read-only; the owner passes the findings the domain computed."""

    def __init__(
        self, title: str, empty_text: str, object_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._empty_text = empty_text
        self._findings: tuple[Finding, ...] = ()
        self._title = QLabel(f"<b>{escape(title)}</b>")
        self._body = QTextBrowser()
        self._body.setObjectName(f"{object_name}Text")
        self._body.setAccessibleName(title)
        self._body.setFrameShape(QFrame.Shape.NoFrame)
        self._body.setMinimumHeight(90)
        self._body.viewport().setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._body, 1)
        self.set_findings(())

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self._findings

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self._findings = tuple(findings)
        self._body.setHtml(findings_html(self._findings, self._empty_text))
        self._body.setAccessibleDescription(
            "; ".join(f"{f.severity.value}: {f.message}" for f in sorted_findings(self._findings))
        )

    def plain_text(self) -> str:
        """What a screen reader or a test reads: one finding per line."""
        return "\n".join(
            f"{f.severity.value} {f.code}: {f.message} [{f.source}]"
            for f in sorted_findings(self._findings)
        )
