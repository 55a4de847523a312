"""The bench clock: time left to the PI 2.4 limits, and how urgent that is, for display.

The limits themselves are computed in one place, `domain.preparation.deadlines`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING

from ino_desk.domain.bench.preparation import Deadlines, Dilution, deadline_findings, deadlines
from ino_desk.domain.findings import Finding

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


class Urgency(StrEnum):
    OK = "ok"
    AMBER = "amber"
    RED = "red"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class UrgencyThresholds:
    """When a countdown turns amber or red. A screen choice, not a clinical rule: the PI
    gives only the limits themselves, so a site may pick other warning times."""

    amber_within: timedelta
    red_within: timedelta


@dataclass(frozen=True, slots=True)
class Countdown:
    deadline: datetime
    remaining: timedelta
    urgency: Urgency


def countdown(deadline: datetime, now: datetime, thresholds: UrgencyThresholds) -> Countdown:
    """Elapsed time between aware instants, so midnight and DST changes do not shift it."""
    # Two datetimes sharing one ZoneInfo subtract as wall clocks; in UTC they subtract as time.
    remaining = _utc(deadline) - _utc(now)
    if remaining <= timedelta(0):
        urgency = Urgency.EXPIRED
    elif remaining <= thresholds.red_within:
        urgency = Urgency.RED
    elif remaining <= thresholds.amber_within:
        urgency = Urgency.AMBER
    else:
        urgency = Urgency.OK
    return Countdown(deadline, remaining, urgency)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("the bench clock works with timezone-aware times only")
    return moment.astimezone(UTC)


def local_time_text(instant: datetime, zone: tzinfo | None = None) -> str:
    """An instant as the bench reads it: local date, 24-hour time and the zone's abbreviation.

    Without a zone, the computer's own time zone is used."""
    local = instant.astimezone(zone)
    return local.strftime("%Y-%m-%d %H:%M %Z")


def remaining_text(remaining: timedelta) -> str:
    """`3 h 05 min` left, or `over by 0 h 12 min`."""
    minutes = int(abs(remaining).total_seconds() // 60)
    text = f"{minutes // 60} h {minutes % 60:02d} min"
    return text if remaining > timedelta(0) else f"over by {text}"


@dataclass(frozen=True, slots=True)
class BenchClock:
    """The countdowns of a reconstituted dose, and whether its bag may still be labelled."""

    limits: Deadlines
    dilute_by: Countdown | None  # None once diluted
    start_by: Countdown | None  # None until diluted: the bag's own limit needs its storage
    complete_by: Countdown
    blocking: tuple[Finding, ...]

    @property
    def can_label(self) -> bool:
        return not self.blocking


def bench_clock(
    rules: ClinicalRules,
    reconstituted_at: datetime,
    dilution: Dilution | None,
    now: datetime,
    thresholds: UrgencyThresholds,
    infusion_minutes: int | None = None,
) -> BenchClock:
    """Everything in UTC: comparisons and differences are then true elapsed time."""
    now = _utc(now)
    diluted = None if dilution is None else Dilution(_utc(dilution.at), dilution.storage)
    limits = deadlines(rules, _utc(reconstituted_at), diluted, infusion_minutes)
    dilute = None if diluted is not None else countdown(limits.dilute_by, now, thresholds)
    start = None if limits.start_by is None else countdown(limits.start_by, now, thresholds)
    findings = deadline_findings(rules, limits, now=now, infusion_minutes=infusion_minutes)
    return BenchClock(
        limits,
        dilute,
        start,
        countdown(limits.complete_by, now, thresholds),
        tuple(findings),
    )
