"""User administration: first administrator, roles, disabling; audited without secrets."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.errors import InputError
from ino_desk.domain.staff.users import PermissionDeniedError, Role
from ino_desk.services.staff.sign_in import SignInRefusedError, authenticate
from ino_desk.services.staff.users import (
    UserAdminRefusedError,
    add_user,
    change_role,
    create_first_administrator,
    disable_user,
    list_users,
    needs_first_administrator,
    reset_password,
)
from ino_desk.services.store_errors import ConflictError
from tests.services.users_fixtures import PASSWORDS, clock, rows, staff, ustore

if TYPE_CHECKING:
    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore

__all__ = ["clock", "staff", "ustore"]


def test_first_run_creates_one_administrator_only(ustore: SqlStore) -> None:
    assert needs_first_administrator(ustore)
    admin = create_first_administrator(ustore, "Admin", "Ada Admin", PASSWORDS["admin"])
    assert (admin.username, admin.role) == ("admin", Role.ADMINISTRATOR)
    assert not needs_first_administrator(ustore)
    with pytest.raises(UserAdminRefusedError):
        create_first_administrator(ustore, "other", "Other Admin", PASSWORDS["admin"])


def test_stored_hash_is_argon2id_at_the_stores_cost_and_verifies(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    [(stored,)] = rows(ustore, "SELECT password_hash FROM users WHERE username='pharm.a'")
    assert isinstance(stored, str)
    assert stored.startswith("$argon2id$v=19$m=8,t=1,p=1$")  # the test store's cheap cost
    assert PASSWORDS["pharm.a"] not in stored
    assert ustore.passwords.check(PASSWORDS["pharm.a"], stored).matches
    assert not ustore.passwords.check(PASSWORDS["pharm.b"], stored).matches


def test_short_password_is_refused_naming_the_field(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    with pytest.raises(InputError, match="password: must have at least 12"):
        add_user(ustore, staff["admin"], "new.user", "New User", Role.TECHNICIAN, "short")


def test_only_administrators_manage_users(ustore: SqlStore, staff: dict[str, User]) -> None:
    for who in ("pharm.a", "tech.t", "nurse.r"):
        with pytest.raises(PermissionDeniedError, match="manage users"):
            add_user(ustore, staff[who], "x.user", "X User", Role.PHARMACIST, "long-enough-pw-1")
    assert len(list_users(ustore, staff["admin"])) == 6


def test_user_names_are_unique(ustore: SqlStore, staff: dict[str, User]) -> None:
    with pytest.raises(ConflictError):
        add_user(ustore, staff["admin"], "PHARM.A", "Dup", Role.PHARMACIST, "long-enough-pw-1")


def test_disable_keeps_the_user_and_the_last_admin_stays(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    disabled = disable_user(ustore, staff["admin"], "tech.t", "left the pharmacy")
    assert not disabled.active
    assert [u.username for u in list_users(ustore, staff["admin"])].count("tech.t") == 1
    with pytest.raises(UserAdminRefusedError):
        disable_user(ustore, staff["admin"], "admin", "testing")
    with pytest.raises(UserAdminRefusedError):
        change_role(ustore, staff["admin"], "admin", Role.PHARMACIST, "testing")
    with pytest.raises(InputError, match="reason"):
        disable_user(ustore, staff["admin"], "pharm.a", "  ")


def test_a_disabled_or_demoted_administrator_loses_rights_at_once(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    second = add_user(
        ustore, staff["admin"], "admin2", "Second Admin", Role.ADMINISTRATOR, "long-enough-pw-2"
    )
    change_role(ustore, staff["admin"], "admin2", Role.READ_ONLY, "no longer runs the system")
    with pytest.raises(PermissionDeniedError):
        add_user(ustore, second, "x.user", "X User", Role.PHARMACIST, "long-enough-pw-1")


def test_role_change_and_disable_are_audited_with_reason(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    change_role(ustore, staff["admin"], "tech.t", Role.PHARMACIST, "qualified as pharmacist")
    disable_user(ustore, staff["admin"], "nurse.r", "moved ward")
    events = rows(
        ustore,
        "SELECT who, action, reason, after_state FROM audit_events "
        "WHERE entity='user' AND action='update' ORDER BY seq",
    )
    assert [(e[0], e[1], e[2]) for e in events] == [
        ("admin", "update", "qualified as pharmacist"),
        ("admin", "update", "moved ward"),
    ]
    assert '"role":"pharmacist"' in str(events[0][3])
    assert '"active":false' in str(events[1][3])


def test_reset_password_replaces_the_old_one(ustore: SqlStore, staff: dict[str, User]) -> None:
    reset_password(ustore, staff["admin"], "pharm.a", "brand-new-password")
    with pytest.raises(SignInRefusedError):
        authenticate(ustore, "pharm.a", PASSWORDS["pharm.a"])
    assert authenticate(ustore, "pharm.a", "brand-new-password") == staff["pharm.a"]


def test_no_password_or_hash_in_logs_or_audit(
    ustore: SqlStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    admin = create_first_administrator(ustore, "admin", "Ada Admin", PASSWORDS["admin"])
    add_user(ustore, admin, "pharm.a", "Paula", Role.PHARMACIST, PASSWORDS["pharm.a"])
    authenticate(ustore, "pharm.a", PASSWORDS["pharm.a"])
    for _ in range(6):
        with pytest.raises(SignInRefusedError):
            authenticate(ustore, "pharm.a", "a-wrong-password-typed")
    reset_password(ustore, admin, "pharm.a", "reset-password-xyz")
    hashes = [str(r[0]) for r in rows(ustore, "SELECT password_hash FROM users")]
    audit = " ".join(str(r) for r in rows(ustore, "SELECT * FROM audit_events"))
    secrets = [*PASSWORDS.values(), "a-wrong-password-typed", "reset-password-xyz", *hashes]
    secrets += [h.split("$")[-1] for h in hashes]  # the digest alone
    assert caplog.text  # the sign-in steps did log
    for secret in secrets:
        assert secret not in caplog.text
        assert secret not in audit
