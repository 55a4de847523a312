"""Table model of the IV-room work queue (the Today screen): one row per dose due.

Rows, states and findings come from `services.work_queue`; this model only shows them, and
runs the bench clock (`domain.bench_clock`) on each bag at the tick the view gives it.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from ino_desk.domain.bench.bench_clock import Urgency, bench_clock, remaining_text
from ino_desk.domain.quantities import Unit, format_quantity
from ino_desk.services.planning.work_queue import WorkState
from ino_desk.ui.bench.bench_clock_box import WARNINGS
from ino_desk.ui.common.column_table import AnyIndex, ColumnTableModel
from ino_desk.ui.common.palette import LIGHT, colour
from ino_desk.ui.common.typing_compat import override

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping, Sequence
    from datetime import datetime

    from ino_desk.domain.bench.bench_clock import BenchClock, Countdown
    from ino_desk.domain.findings import Finding
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.planning.work_queue import QueueRow
    from ino_desk.ui.common.palette import Colours

CONTEXT = "WorkQueueModel"


class QueueColumn(IntEnum):
    DATE = 0
    PATIENT = 1
    MRN = 2
    CYCLE_DAY = 3
    DOSE = 4
    STATE = 5
    CLOCK = 6
    FINDINGS = 7


# QT_TRANSLATE_NOOP marks the text for translation and returns it unchanged (typed `object`).
_HEADERS = cast(
    "tuple[str, ...]",
    (
        QT_TRANSLATE_NOOP("WorkQueueModel", "Date"),
        QT_TRANSLATE_NOOP("WorkQueueModel", "Patient"),
        QT_TRANSLATE_NOOP("WorkQueueModel", "MRN"),
        QT_TRANSLATE_NOOP("WorkQueueModel", "Cycle / day"),
        QT_TRANSLATE_NOOP("WorkQueueModel", "Dose"),
        QT_TRANSLATE_NOOP("WorkQueueModel", "State"),
        QT_TRANSLATE_NOOP("WorkQueueModel", "Bag clock (PI 2.4)"),
        QT_TRANSLATE_NOOP("WorkQueueModel", "Stands against giving it"),
    ),
)
STATE_NAMES = cast(
    "dict[WorkState, str]",
    {
        WorkState.ORDERED: QT_TRANSLATE_NOOP("WorkQueueModel", "Ordered"),
        WorkState.VERIFIED: QT_TRANSLATE_NOOP("WorkQueueModel", "Verified"),
        WorkState.IN_PREPARATION: QT_TRANSLATE_NOOP("WorkQueueModel", "In preparation"),
        WorkState.CHECKED: QT_TRANSLATE_NOOP("WorkQueueModel", "Checked"),
        WorkState.LABELLED: QT_TRANSLATE_NOOP("WorkQueueModel", "Labelled"),
        WorkState.GIVEN: QT_TRANSLATE_NOOP("WorkQueueModel", "Given"),
        WorkState.HELD: QT_TRANSLATE_NOOP("WorkQueueModel", "Held"),
        WorkState.OMITTED: QT_TRANSLATE_NOOP("WorkQueueModel", "Omitted"),
    },
)
PENDING = "…"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def state_name(state: WorkState) -> str:
    return tr(STATE_NAMES[state])


def _state_colour(colours: Colours, state: WorkState) -> str:
    if state in (WorkState.LABELLED, WorkState.GIVEN):
        return colours.done
    if state in (WorkState.IN_PREPARATION, WorkState.CHECKED):
        return colours.progress
    return colours.muted


def _next_deadline(clock: BenchClock) -> tuple[str, Countdown]:
    if clock.dilute_by is not None:
        return QCoreApplication.translate("WorkQueueModel", "dilute by"), clock.dilute_by
    if clock.start_by is not None:
        return QCoreApplication.translate("WorkQueueModel", "start by"), clock.start_by
    return QCoreApplication.translate("WorkQueueModel", "complete by"), clock.complete_by


class WorkQueueModel(ColumnTableModel):
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, rules: ClinicalRules) -> None:
        super().__init__([tr(h) for h in _HEADERS])
        self.rules = rules
        self.colours = LIGHT
        self._all: list[QueueRow] = []
        self._rows: list[QueueRow] = []
        self._states: frozenset[WorkState] = frozenset()
        self._findings: dict[int, tuple[Finding, ...]] = {}
        self._clocks: dict[int, tuple[str, str, Urgency]] = {}  # text, tooltip, urgency

    # ------------------------------------------------------------------ contents

    def set_queue(self, rows: Sequence[QueueRow], now: datetime) -> None:
        """New rows: what was known of the old ones' findings is dropped (work moves on)."""
        self.beginResetModel()
        self._all = list(rows)
        self._rows = self._shown()
        self._findings = {}
        self._clocks = {r.dose_id: self._clock(r, now) for r in self._all if r.bag is not None}
        self.endResetModel()

    def set_states(self, states: Collection[WorkState]) -> None:
        """Show only rows in these states; all rows when empty."""
        self.beginResetModel()
        self._states = frozenset(states)
        self._rows = self._shown()
        self.endResetModel()

    def _shown(self) -> list[QueueRow]:
        return [r for r in self._all if not self._states or r.state in self._states]

    def set_now(self, now: datetime) -> None:
        """Recount every bag's countdowns (the view's clock tick)."""
        self._clocks = {r.dose_id: self._clock(r, now) for r in self._all if r.bag is not None}
        if self._rows:
            self.dataChanged.emit(
                self.index(0, QueueColumn.CLOCK), self.index(len(self._rows) - 1, QueueColumn.CLOCK)
            )

    def set_findings(self, found: Mapping[int, tuple[Finding, ...]]) -> None:
        self._findings.update(found)
        changed = [n for n, row in enumerate(self._rows) if row.dose_id in found]
        if changed:  # one signal for the batch: each makes the view measure what it shows
            self.dataChanged.emit(
                self.index(min(changed), QueueColumn.FINDINGS),
                self.index(max(changed), QueueColumn.FINDINGS),
            )

    def set_colours(self, colours: Colours) -> None:
        self.colours = colours

    def row_at(self, row: int) -> QueueRow:
        return self._rows[row]

    def row_of(self, dose_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.dose_id == dose_id), -1)

    def missing_findings(self, first: int, last: int) -> list[int]:
        """Dose ids of the open rows `first`..`last` whose findings were not asked yet."""
        rows = self._rows[max(first, 0) : last + 1]
        return [r.dose_id for r in rows if r.open and r.dose_id not in self._findings]

    # ------------------------------------------------------------------ cells

    def _clock(self, row: QueueRow, now: datetime) -> tuple[str, str, Urgency]:
        bag = row.bag
        if bag is None or not row.open:
            return "", "", Urgency.OK
        clock = bench_clock(
            self.rules, bag.reconstituted_at, bag.dilution, now, WARNINGS, bag.infusion_minutes
        )
        what, countdown = _next_deadline(clock)
        at = countdown.deadline.astimezone().strftime("%H:%M")
        text = f"{what} {at} — {remaining_text(countdown.remaining)}"
        lines = [
            QCoreApplication.translate("WorkQueueModel", "Reconstituted %s")
            % bag.reconstituted_at.astimezone().strftime("%H:%M")
        ]
        for label, limit in (
            (QCoreApplication.translate("WorkQueueModel", "dilute by"), clock.limits.dilute_by),
            (QCoreApplication.translate("WorkQueueModel", "start by"), clock.limits.start_by),
            (QCoreApplication.translate("WorkQueueModel", "complete by"), clock.limits.complete_by),
        ):
            if limit is not None:
                lines.append(f"{label} {limit.astimezone().strftime('%H:%M')}")
        if not clock.can_label:
            lines.append(" ".join(f.message for f in clock.blocking))
        return text, "\n".join(lines), countdown.urgency

    def _findings_text(self, row: QueueRow) -> tuple[str, str]:
        if not row.open:
            return "", ""
        found = self._findings.get(row.dose_id)
        if found is None:
            return PENDING, QCoreApplication.translate("WorkQueueModel", "Asking the course rules…")
        if not found:
            return QCoreApplication.translate(
                "WorkQueueModel", "nothing"
            ), QCoreApplication.translate(
                "WorkQueueModel", "No stop or blocking finding for giving it on its day."
            )
        stops = [f for f in found if f.stops]
        words = ", ".join(f.code for f in found)
        text = (
            (QCoreApplication.translate("WorkQueueModel", "STOP: %s") % words) if stops else words
        )
        return text, "\n".join(f.one_line() for f in found)

    def _text(self, row: QueueRow, column: QueueColumn) -> str:
        match column:
            case QueueColumn.DATE:
                return row.planned_date.isoformat()
            case QueueColumn.PATIENT:
                return row.patient_name
            case QueueColumn.MRN:
                return row.mrn
            case QueueColumn.CYCLE_DAY:
                return f"C{row.cycle_number} D{row.day}"
            case QueueColumn.DOSE:
                return format_quantity(row.dose_mg, Unit.MG)
            case QueueColumn.STATE:
                return state_name(row.state)
            case QueueColumn.CLOCK:
                return self._clocks.get(row.dose_id, ("", "", Urgency.OK))[0]
            case QueueColumn.FINDINGS:
                return self._findings_text(row)[0]

    def _foreground(self, row: QueueRow, column: QueueColumn) -> str | None:
        c = self.colours
        if column is QueueColumn.STATE:
            return _state_colour(c, row.state)
        if column is QueueColumn.FINDINGS and self._findings.get(row.dose_id):
            return c.blocking
        if column is QueueColumn.CLOCK and row.dose_id in self._clocks:
            return {
                Urgency.OK: c.ok,
                Urgency.AMBER: c.amber_text,
                Urgency.RED: c.red_text,
                Urgency.EXPIRED: c.expired_text,
            }[self._clocks[row.dose_id][2]]
        return None

    def _background(self, row: QueueRow, column: QueueColumn) -> str | None:
        if column is not QueueColumn.CLOCK or row.dose_id not in self._clocks:
            return None
        c = self.colours
        return {
            Urgency.OK: None,
            Urgency.AMBER: c.amber_fill,
            Urgency.RED: c.red_fill,
            Urgency.EXPIRED: c.expired_fill,
        }[self._clocks[row.dose_id][2]]

    @override
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], QueueColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is QueueColumn.CLOCK:
                return self._clocks.get(row.dose_id, ("", "", Urgency.OK))[1] or None
            if column is QueueColumn.FINDINGS:
                return self._findings_text(row)[1] or None
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            found = self._foreground(row, column)
            return None if found is None else colour(found)
        if role == Qt.ItemDataRole.BackgroundRole:
            fill = self._background(row, column)
            return None if fill is None else colour(fill)
        if role == self.RowRole:
            return row
        return None

    @override
    def _row_count(self) -> int:
        return len(self._rows)
