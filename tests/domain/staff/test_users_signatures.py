"""Roles, password hashing, lockout and signature rules (issue 7 groundwork)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest

from ino_desk.domain.errors import InputError
from ino_desk.domain.staff.passwords import Match
from ino_desk.domain.staff.sign_in_policy import LockoutPolicy, is_locked
from ino_desk.domain.staff.signatures import (
    CheckedFigures,
    SignatureRefusedError,
    check_double_checker,
    figure_mismatches,
)
from ino_desk.domain.staff.users import Permission, PermissionDeniedError, Role, User
from tests.people import cheap_passwords


def test_technician_records_preparation_but_cannot_verify() -> None:
    tech = User(1, "tina", "Tina Tech", Role.TECHNICIAN)
    tech.require(Permission.RECORD_PREPARATION)
    with pytest.raises(PermissionDeniedError, match="may not verify orders"):
        tech.require(Permission.VERIFY_ORDERS)


def test_read_only_changes_nothing_and_disabled_users_can_do_nothing() -> None:
    nurse = User(2, "nora", "Nora Nurse", Role.READ_ONLY)
    assert nurse.can(Permission.READ_RECORDS)
    assert not any(nurse.can(p) for p in Permission if p is not Permission.READ_RECORDS)
    gone = User(3, "pat", "Pat Pharmacist", Role.PHARMACIST, active=False)
    assert not any(gone.can(p) for p in Permission)


def test_password_hash_is_salted_and_verifies() -> None:
    passwords = cheap_passwords()
    first = passwords.hash("correct horse battery")
    second = passwords.hash("correct horse battery")
    assert first != second  # salted
    assert first.startswith("$argon2id$v=19$")
    assert "correct horse" not in first
    assert passwords.check("correct horse battery", first).matches
    assert passwords.check("correct horse batterY", first).match is Match.DIFFERS
    assert passwords.check("correct horse battery", "not-a-hash").match is Match.REFUSED


def test_short_password_is_refused() -> None:
    with pytest.raises(InputError, match="at least 12 characters"):
        cheap_passwords().hash("short")


def test_lockout_after_five_failures() -> None:
    policy = LockoutPolicy()
    t0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    fails = [t0 + timedelta(seconds=i) for i in range(4)]
    assert not is_locked(fails, t0 + timedelta(minutes=1), policy)
    fails.append(t0 + timedelta(seconds=4))
    assert is_locked(fails, t0 + timedelta(minutes=1), policy)
    assert not is_locked(fails, t0 + timedelta(seconds=4) + policy.lockout, policy)


def test_double_check_needs_a_third_person() -> None:
    check_double_checker(3, preparer_id=1, verifier_id=2)
    for same in (1, 2):
        with pytest.raises(SignatureRefusedError):
            check_double_checker(same, preparer_id=1, verifier_id=2)


def test_figure_mismatches_are_named() -> None:
    expected = CheckedFigures(D("0.94"), D("3.76"), 2, "LOT7")
    assert figure_mismatches(expected, CheckedFigures(D("0.94"), D("3.76"), 2, "lot7")) == []
    entered = CheckedFigures(D("0.94"), D("3.67"), 1, "LOT8")
    assert figure_mismatches(expected, entered) == ["drug volume (mL)", "vials", "lot"]
