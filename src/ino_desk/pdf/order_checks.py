"""The order sheet's clinical check sections: premedication and observation, the criteria
to treat or hold with the current lab values, and the findings with their overrides."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.platypus import Spacer

from ino_desk.domain.quantities import format_number
from ino_desk.pdf.formatting import day_text, time_text

if TYPE_CHECKING:
    from datetime import datetime

    from reportlab.platypus import Flowable, KeepTogether

    from ino_desk.pdf.order_signatures import SheetParts

BLANK = "_" * 30


def _when(moment: datetime | None) -> str:
    return "when the cycle was planned" if moment is None else time_text(moment)


def premedication(parts: SheetParts) -> list[Flowable]:
    s = parts.s
    rows: list[list[Any]] = [
        [parts.p("Class (PI 2.2)", bold=True), parts.p("Order (site template)", bold=True)]
    ]
    rows += [[parts.p(o.drug_class), parts.p(o.order or BLANK)] for o in s.premedication]
    rows.append([parts.p("When", bold=True), parts.cited(s.premed_lead)])
    table = parts.grid(rows, [110.0, parts.w - 110.0])
    return [
        parts.section("Premedication", parts.cited(s.premed_rule), Spacer(1, 2), table),
        parts.section("Observation", parts.cited(s.observation)),
    ]


def criteria(parts: SheetParts) -> list[Flowable]:
    rows: list[list[Any]] = [[parts.p(h, bold=True) for h in ("Parameter", "Rule", "Source")]]
    rows += [
        [parts.p(c.parameter, bold=True), parts.p(c.rule), parts.p(c.citation)]
        for c in parts.s.criteria
    ]
    table = parts.grid(rows, [104.0, parts.w - 104.0 - 96.0, 96.0])
    labs: list[list[Any]] = [
        [parts.p(h, bold=True) for h in ("Test", "Result", "× ULN", "ULN", "Date", "Note")]
    ]
    for lab in parts.s.labs:
        ratio = lab.times_uln
        labs.append(
            [
                parts.p(lab.name, bold=True),
                parts.p(f"{format_number(lab.value)} {lab.unit}"),
                parts.p("" if ratio is None else f"{format_number(ratio)} × ULN"),
                parts.p("" if lab.uln is None else f"{format_number(lab.uln)} {lab.unit}"),
                parts.p(day_text(lab.drawn_on)),
                parts.p(lab.note),
            ]
        )
    if not parts.s.labs:
        labs.append([parts.p("No current lab values recorded"), "", "", "", "", ""])
    lab_table = parts.grid(labs, [90.0, 96.0, 62.0, 80.0, 78.0, parts.w - 406.0])
    return [
        parts.section("Criteria to treat or hold", table),
        parts.section("Current lab values", lab_table),
    ]


def findings(parts: SheetParts) -> KeepTogether:
    s = parts.s
    body: list[Flowable] = []
    if s.findings:
        rows: list[list[Any]] = [[parts.p(h, bold=True) for h in ("Severity", "Finding")]]
        rows += [[parts.p(f.severity), parts.p(f"{f.code}: {f.message}")] for f in s.findings]
        body.append(parts.grid(rows, [60.0, parts.w - 60.0]))
    else:
        body.append(parts.p("No open findings."))
    if s.overrides:
        rows = [[parts.p(h, bold=True) for h in ("Overridden finding", "Reason", "By, when")]]
        rows += [
            [
                parts.p(f"{o.code}: {o.message}"),
                parts.p(o.reason),
                parts.p(f"{o.overridden_by}, {_when(o.overridden_at)}"),
            ]
            for o in s.overrides
        ]
        body += [Spacer(1, 3), parts.grid(rows, [parts.w * 0.45, parts.w * 0.3, parts.w * 0.25])]
    else:
        body.append(parts.p("No overridden findings."))
    return parts.section("Findings and overrides", *body)
