"""The monthly waste report: discarded drug per dose, for billing single-dose vials."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING

from ino_desk.domain.bench.waste import Month, WasteTotals, totals
from ino_desk.services.ports.bench import WasteReportRow

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class WasteReport:
    month: Month
    zone: str
    rows: tuple[WasteReportRow, ...]
    totals: WasteTotals


def waste_report(store: Store, month: Month, zone: ZoneInfo) -> WasteReport:
    """Waste recorded during the month as the pharmacy's clock counts it (local midnights)."""
    start = datetime.combine(month.first, time(), tzinfo=zone)
    end = datetime.combine(month.after, time(), tzinfo=zone)

    def action(uow: UnitOfWork) -> list[WasteReportRow]:
        return uow.waste.report(start, end)

    rows = tuple(store.read(action))
    return WasteReport(month, zone.key, rows, totals(r.record for r in rows))
