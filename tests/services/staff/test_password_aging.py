"""Password aging (a site setting, off by default): after N days the password must be changed
at sign-in before anything else, enforced by the services."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.errors import InputError
from ino_desk.domain.site_settings import SiteSettings
from ino_desk.services.settings import load_settings, save_settings
from ino_desk.services.staff.password_change import change_own_password
from ino_desk.services.staff.sign_in import (
    PasswordChangeRequiredError,
    SignInRefusedError,
    authenticate,
)
from ino_desk.services.staff.signing import verify_order
from ino_desk.services.staff.users import reset_password
from tests.persistence.factories import first_cycle
from tests.services.users_fixtures import PASSWORDS, Clock, clock, rows, staff, ustore

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore

__all__ = ["clock", "staff", "ustore"]

DAY = 24 * 60  # minutes
NEW = "a-brand-new-password"


def _aging(store: SqlStore, admin: User, days: int | None) -> None:
    settings = replace(load_settings(store), password_max_age_days=days)
    save_settings(store, settings, admin, "security policy")


def _outcomes(store: SqlStore, username: str) -> list[object]:
    sql = f"SELECT outcome FROM sign_in_events WHERE username='{username}' ORDER BY id"
    return [r[0] for r in rows(store, sql)]


def test_aging_is_off_by_default_and_bounded() -> None:
    assert SiteSettings().password_max_age_days is None
    for days in (0, 731, -5):
        with pytest.raises(InputError, match="password aging: allowed 1 to 730 days, or off"):
            SiteSettings(password_max_age_days=days)


def test_without_aging_an_old_password_still_signs_in(
    ustore: SqlStore, staff: dict[str, User], clock: Clock
) -> None:
    clock.advance(3650 * DAY)
    assert authenticate(ustore, "pharm.a", PASSWORDS["pharm.a"]) == staff["pharm.a"]


def test_an_expired_password_must_be_changed_before_anything_else(
    ustore: SqlStore, staff: dict[str, User], clock: Clock, rules: ClinicalRules
) -> None:
    dose = first_cycle(ustore, rules).doses[0].id
    assert dose is not None
    _aging(ustore, staff["admin"], 90)
    clock.advance(89 * DAY)
    assert authenticate(ustore, "pharm.a", PASSWORDS["pharm.a"]) == staff["pharm.a"]
    clock.advance(1 * DAY)
    with pytest.raises(PasswordChangeRequiredError, match="older than 90 days") as expired:
        authenticate(ustore, "pharm.a", PASSWORDS["pharm.a"])
    assert expired.value.username == "pharm.a"
    # Signing takes the password too: refused the same way, nothing signed.
    with pytest.raises(PasswordChangeRequiredError):
        verify_order(ustore, rules, "pharm.a", PASSWORDS["pharm.a"], dose)
    assert rows(ustore, "SELECT count(*) FROM signatures") == [(0,)]
    # A wrong password is still just wrong (and counts towards the lockout).
    with pytest.raises(SignInRefusedError, match="not right") as wrong:
        authenticate(ustore, "pharm.a", "not-the-password")
    assert not isinstance(wrong.value, PasswordChangeRequiredError)
    assert _outcomes(ustore, "pharm.a")[-3:] == [
        "refused: password must be changed",
        "refused: password must be changed",
        "failed sign-in",
    ]


def test_changing_the_password_needs_the_current_one_and_a_different_new_one(
    ustore: SqlStore, staff: dict[str, User], clock: Clock
) -> None:
    _aging(ustore, staff["admin"], 30)
    clock.advance(31 * DAY)
    with pytest.raises(SignInRefusedError, match="not right"):
        change_own_password(ustore, "pharm.b", "not-the-password", NEW)
    with pytest.raises(InputError, match="must differ"):
        change_own_password(ustore, "pharm.b", PASSWORDS["pharm.b"], PASSWORDS["pharm.b"])
    with pytest.raises(InputError, match="at least 12"):
        change_own_password(ustore, "pharm.b", PASSWORDS["pharm.b"], "short")
    assert change_own_password(ustore, "pharm.b", PASSWORDS["pharm.b"], NEW) == staff["pharm.b"]
    assert authenticate(ustore, "pharm.b", NEW) == staff["pharm.b"]
    with pytest.raises(SignInRefusedError):
        authenticate(ustore, "pharm.b", PASSWORDS["pharm.b"])
    assert _outcomes(ustore, "pharm.b") == [
        "failed sign-in",
        "password changed",
        "signed in",
        "failed sign-in",
    ]
    audit = rows(
        ustore,
        "SELECT who, reason, after_state FROM audit_events WHERE entity='user' AND action='update'",
    )
    assert [(a[0], a[1]) for a in audit] == [("pharm.b", "password changed by its user")]
    assert '"password_changed_at":"2026-' in str(audit[0][2])
    everything = " ".join(str(r) for r in rows(ustore, "SELECT * FROM audit_events"))
    assert NEW not in everything
    assert PASSWORDS["pharm.b"] not in everything
    # The new password is good for another 30 days.
    clock.advance(29 * DAY)
    assert authenticate(ustore, "pharm.b", NEW) == staff["pharm.b"]
    clock.advance(1 * DAY)
    with pytest.raises(PasswordChangeRequiredError):
        authenticate(ustore, "pharm.b", NEW)


def test_an_administrators_reset_starts_the_age_afresh(
    ustore: SqlStore, staff: dict[str, User], clock: Clock
) -> None:
    _aging(ustore, staff["admin"], 30)
    clock.advance(45 * DAY)
    reset_password(ustore, staff["admin"], "tech.t", "reset-by-the-admin")
    assert authenticate(ustore, "tech.t", "reset-by-the-admin") == staff["tech.t"]
