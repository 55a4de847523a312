"""Sign-in lockout and idle lock (HIPAA 164.312(a)(2)(iii) automatic logoff): pure decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

MAX_FAILED_ATTEMPTS = 5  # issue 7: lock the account after 5 failures in a row
DEFAULT_LOCKOUT_MINUTES = 15
DEFAULT_IDLE_LOCK_MINUTES = 10  # issue 7 default; a site setting


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    max_failures: int = MAX_FAILED_ATTEMPTS
    lockout: timedelta = timedelta(minutes=DEFAULT_LOCKOUT_MINUTES)


def locked_until(
    failures_since_last_success: Sequence[datetime], policy: LockoutPolicy
) -> datetime | None:
    """When the account unlocks, or None if it is not locked (failures in time order)."""
    if len(failures_since_last_success) < policy.max_failures:
        return None
    return failures_since_last_success[-1] + policy.lockout


def password_expired(set_at: datetime, now: datetime, max_age_days: int | None) -> bool:
    """Password aging (a site setting, off when None): due for change after `max_age_days`."""
    return max_age_days is not None and now >= set_at + timedelta(days=max_age_days)


def is_locked(
    failures_since_last_success: Sequence[datetime], now: datetime, policy: LockoutPolicy
) -> bool:
    until = locked_until(failures_since_last_success, policy)
    return until is not None and now < until
