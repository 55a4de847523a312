"""Stored password hashes an attacker with the file cannot weaken (issue 14).

Real SQLite files: the attacker's hash is written into the `users` table with plain SQL.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from ino_desk.services.staff.sign_in import SignInRefusedError, authenticate
from tests.password_texts import argon2_text, scrypt_hash
from tests.services.users_fixtures import PASSWORDS, clock, rows, staff, ustore

if TYPE_CHECKING:
    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore

__all__ = ["clock", "staff", "ustore"]

ATTACKER_PASSWORD = "attacker-knows-this"


def write_hash(store: SqlStore, username: str, stored: str) -> None:
    """What an attacker with write access to the file does: no service, no audit."""
    with store.database.write_engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET password_hash = :h WHERE username = :u"),
            {"h": stored, "u": username},
        )


def test_a_cheap_hash_written_into_the_file_does_not_sign_in(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    weak = scrypt_hash(ATTACKER_PASSWORD, n=2, r=1, p=1)
    write_hash(ustore, "pharm.a", weak)
    with pytest.raises(SignInRefusedError) as refused:
        authenticate(ustore, "pharm.a", ATTACKER_PASSWORD)
    assert "ask an administrator" in str(refused.value)
    assert weak not in str(refused.value)
    [(outcome,)] = rows(ustore, "SELECT outcome FROM sign_in_events WHERE username='pharm.a'")
    assert outcome == "refused: password hash below the site's minimum"
    audit = " ".join(str(r) for r in rows(ustore, "SELECT * FROM audit_events"))
    assert weak not in audit
    assert weak.split("$")[-1] not in audit
    # The real password does not get in either: the account waits for an administrator.
    with pytest.raises(SignInRefusedError):
        authenticate(ustore, "pharm.a", PASSWORDS["pharm.a"])


def _outcomes(store: SqlStore, username: str) -> list[object]:
    sql = f"SELECT outcome FROM sign_in_events WHERE username='{username}' ORDER BY id"
    return [r[0] for r in rows(store, sql)]


def test_an_absurdly_expensive_hash_is_refused_at_once(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    write_hash(ustore, "pharm.b", argon2_text(2**30, 3, 1))  # a gigabyte per sign-in
    started = time.perf_counter()
    with pytest.raises(SignInRefusedError, match="above the site's maximum"):
        authenticate(ustore, "pharm.b", PASSWORDS["pharm.b"])
    assert time.perf_counter() - started < 1
    assert _outcomes(ustore, "pharm.b") == ["refused: password hash above the site's maximum"]


def test_refusals_of_the_stored_hash_do_not_lock_the_account_or_count_as_failures(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    good = rows(ustore, "SELECT password_hash FROM users WHERE username='pharm.c'")[0][0]
    write_hash(ustore, "pharm.c", "scrypt$2$1$1$salt$digest")
    for _ in range(6):
        with pytest.raises(SignInRefusedError, match="ask an administrator"):
            authenticate(ustore, "pharm.c", PASSWORDS["pharm.c"])
    assert set(_outcomes(ustore, "pharm.c")) == {"refused: password hash unreadable"}
    assert isinstance(good, str)
    write_hash(ustore, "pharm.c", good)  # what an administrator's reset amounts to
    assert authenticate(ustore, "pharm.c", PASSWORDS["pharm.c"]) == staff["pharm.c"]


def test_a_legacy_scrypt_hash_signs_in_once_and_is_rehashed_audited_without_secrets(
    ustore: SqlStore, staff: dict[str, User], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    legacy = scrypt_hash(PASSWORDS["tech.t"], 2**15, 8, 1)  # as main stored every password
    write_hash(ustore, "tech.t", legacy)
    assert authenticate(ustore, "tech.t", PASSWORDS["tech.t"]) == staff["tech.t"]
    [(stored,)] = rows(ustore, "SELECT password_hash FROM users WHERE username='tech.t'")
    assert isinstance(stored, str)
    assert stored.startswith("$argon2id$v=19$m=8,t=1,p=1$")  # the store's verifier's cost
    audit = rows(
        ustore,
        "SELECT who, action, reason, before_state, after_state FROM audit_events "
        "WHERE entity='user' AND action='update'",
    )
    assert [(a[0], a[1], a[2]) for a in audit] == [
        ("tech.t", "update", "password hash upgraded at sign-in to argon2id m=8 KiB, t=1, p=1")
    ]
    everything = " ".join(str(r) for r in rows(ustore, "SELECT * FROM audit_events"))
    for secret in (PASSWORDS["tech.t"], legacy, stored, legacy.split("$")[-1]):
        assert secret not in everything
        assert secret not in caplog.text
    # Once upgraded, a sign-in changes nothing more; the old password still works.
    assert authenticate(ustore, "tech.t", PASSWORDS["tech.t"]) == staff["tech.t"]
    assert len(rows(ustore, "SELECT * FROM audit_events WHERE entity='user' AND "
                            "action='update'")) == 1  # fmt: skip
    assert _outcomes(ustore, "tech.t") == ["signed in", "signed in"]
