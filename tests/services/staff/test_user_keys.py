"""Issue 14: each user's Ed25519 key, wrapped under their password and certified by the site
administrator's key; every event they write is signed with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.staff.password_hashes import PRODUCT_COST, Argon2Cost
from ino_desk.domain.staff.passwords import product_passwords
from ino_desk.domain.staff.signing_keys import new_private_key, unwrap, wrap, wrapped_cost
from ino_desk.domain.staff.users import Role
from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.staff.password_change import change_own_password
from ino_desk.services.staff.sign_in import authenticate, sign_out
from ino_desk.services.staff.users import change_role, create_first_administrator, reset_password
from tests.people import TEST_COST, cheap_passwords
from tests.persistence.old_revisions import old_database
from tests.services.users_fixtures import PASSWORDS, clock, rows, staff, ustore

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.staff.users import User

__all__ = ["clock", "staff", "ustore"]


def _keys(store: SqlStore, username: str) -> list[tuple[object, ...]]:
    """(public key, wrapped, retired_at) of the user's keys, oldest first."""
    return rows(
        store,
        "SELECT k.public_key, k.wrapped, k.retired_at FROM user_keys k JOIN users u "
        f"ON u.id = k.user_id WHERE u.username = '{username}' ORDER BY k.id",
    )


def _verify(store: SqlStore) -> list[str]:
    with store.database.engine.connect() as conn:
        return verify_audit(conn, minimum=TEST_COST).problems


def test_every_user_has_a_certified_key_only_their_password_unwraps(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    for name in staff:
        [(public, wrapped, retired)] = _keys(ustore, name)
        assert retired is None
        assert unwrap(str(wrapped), PASSWORDS[name], str(public), TEST_COST) is not None
        assert unwrap(str(wrapped), "not-the-password!", str(public), TEST_COST) is None
    certs = rows(ustore, "SELECT username, role, issuer_key = public_key FROM key_certificates")
    assert sorted(certs) == sorted(
        [("admin", "administrator", 1)]
        + [(n, u.role.value, 0) for n, u in staff.items() if n != "admin"]
    )
    # Neither the wrapped key nor anything of it is in the trail; every event is signed.
    trail = rows(ustore, "SELECT after_state, signer_key FROM audit_events")
    assert not [s for s, _ in trail if s and "ed25519$" in s]
    assert all(key is not None for _, key in trail)
    assert _verify(ustore) == []


def test_a_password_reset_issues_a_new_key_and_old_signatures_stay_verifiable(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    authenticate(ustore, "pharm.a", PASSWORDS["pharm.a"])
    reset_password(ustore, staff["admin"], "pharm.a", "a-brand-new-password")
    authenticate(ustore, "pharm.a", "a-brand-new-password")
    (old, _, retired), (new, _, current) = _keys(ustore, "pharm.a")
    assert retired is not None
    assert current is None
    signers = [
        key for (key,) in rows(ustore, "SELECT signer_key FROM audit_events WHERE who = 'pharm.a'")
    ]
    assert signers[0] == old
    assert signers[-1] == new
    assert _verify(ustore) == []


def test_changing_ones_own_password_rewraps_the_same_key(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    change_own_password(ustore, "tech.t", PASSWORDS["tech.t"], "technician-new-pw1")
    [(public, wrapped, _)] = _keys(ustore, "tech.t")
    assert unwrap(str(wrapped), "technician-new-pw1", str(public), TEST_COST) is not None
    assert unwrap(str(wrapped), PASSWORDS["tech.t"], str(public), TEST_COST) is None
    assert _verify(ustore) == []


def test_a_role_change_certifies_the_key_in_its_new_role(
    ustore: SqlStore, staff: dict[str, User]
) -> None:
    change_role(ustore, staff["admin"], "tech.t", Role.PHARMACIST, "qualified")
    roles = rows(ustore, "SELECT role FROM key_certificates WHERE username='tech.t' ORDER BY id")
    assert roles == [("technician",), ("pharmacist",)]
    assert _verify(ustore) == []


def test_signing_out_forgets_the_key(ustore: SqlStore, staff: dict[str, User]) -> None:
    user = authenticate(ustore, "pharm.b", PASSWORDS["pharm.b"])
    assert ustore.keys.key_of("pharm.b") is not None
    sign_out(ustore, user)
    assert ustore.keys.key_of("pharm.b") is None


def test_the_key_is_wrapped_at_the_verifiers_cost_cheap_in_tests_owasp_in_the_product() -> None:
    key = new_private_key()
    assert wrapped_cost(wrap(key, "some-password-1", cheap_passwords().cost)) == TEST_COST
    product = product_passwords().cost
    assert product == PRODUCT_COST == Argon2Cost(memory_kib=64 * 1024, time_cost=3, parallelism=1)
    assert wrapped_cost(wrap(key, "some-password-1", product)) == PRODUCT_COST


def test_events_before_r0014_are_counted_unsigned_not_failed(tmp_path: Path) -> None:
    path = old_database(tmp_path / "old.sqlite3", "r0012")
    database = open_database(path, backups_dir=tmp_path / "backups")
    try:
        store = SqlStore(database, passwords=cheap_passwords())
        create_first_administrator(store, "admin", "Ada Admin", PASSWORDS["admin"])
        with database.engine.connect() as conn:
            report = verify_audit(conn)
    finally:
        database.close()
    assert report.problems == []
    assert report.unsigned_events == 1  # the patient the r0012 ino-desk wrote
