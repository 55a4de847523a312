"""Records written on paper during a downtime and entered afterwards (issue 18).

While the database cannot be reached, the pharmacy works from the printed downtime pack and
writes on paper. Afterwards each paper record is entered with the time written on the paper:
the entry itself keeps its own time (the audit's), the paper time says when it happened, and
both show in the audit and on the documents as "recorded after downtime".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ino_desk.domain.errors import InputError

AFTER_DOWNTIME = "recorded after downtime"
# A sanity bound on typing, not a clinical rule: an outage is hours or days; a paper time
# weeks old is far more likely a mistyped year or month than a real back-entry.
PAPER_TIME_MAX_AGE = timedelta(days=31)
PAPER_TIME_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True, slots=True)
class PaperRecord:
    """The time written on the paper record (aware), checked against the entry time."""

    paper_time: datetime

    def __post_init__(self) -> None:
        if self.paper_time.tzinfo is None:
            raise InputError("paper time", "must carry its timezone")

    @property
    def day(self) -> date:
        """The workstation's calendar day of the paper time: the day the act was done."""
        return self.paper_time.astimezone().date()

    def describe(self) -> str:
        return paper_note(self.paper_time)


def paper_note(paper_time: datetime) -> str:
    """What the audit and the documents say of a back-entered record (local time)."""
    return f"{AFTER_DOWNTIME}, paper time {paper_time.astimezone().strftime(PAPER_TIME_FORMAT)}"


def parse_paper_time(text: str, now: datetime) -> PaperRecord:
    """A paper time typed as YYYY-MM-DD HH:MM (the workstation's local time), not after
    `now` and not more than PAPER_TIME_MAX_AGE before it; InputError naming the range else."""
    try:
        naive = datetime.strptime(text.strip(), PAPER_TIME_FORMAT)
    except ValueError:
        raise InputError("paper time", "write it as YYYY-MM-DD HH:MM (local time)") from None
    return paper_record(naive.astimezone(), now)


def paper_record(paper_time: datetime, now: datetime) -> PaperRecord:
    """The paper record of an aware time, inside the allowed range (see `parse_paper_time`)."""
    earliest = now - PAPER_TIME_MAX_AGE
    if not earliest <= paper_time <= now:
        shown = (
            f"{earliest.astimezone():%Y-%m-%d %H:%M} and now ({now.astimezone():%Y-%m-%d %H:%M})"
        )
        raise InputError("paper time", f"must lie between {shown}")
    return PaperRecord(paper_time)


def with_paper_note(reason: str, paper: PaperRecord | None) -> str:
    """The audit reason of an entry, naming the paper record first when there is one."""
    if paper is None:
        return reason
    return f"{paper.describe()} — {reason}" if reason else paper.describe()
