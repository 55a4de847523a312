"""What the signing keys cost (issue 14), at the product's argon2id cost.

    .venv/bin/python benchmarks/signing_keys.py [--runs 7]

Sign-in = the password check plus unwrapping the user's Ed25519 key (a second argon2id
derivation, same cost). Signing one event = Ed25519 over its hash; also one whole audited
write (a screen-lock event) with the actor's key held, against the same without a key.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from ino_desk.domain.staff.passwords import product_passwords
from ino_desk.domain.staff.signing_keys import (
    new_private_key,
    public_hex,
    sign_text,
    signature_valid,
)
from ino_desk.domain.staff.users import Role
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.staff.sign_in import authenticate, record_screen_lock
from ino_desk.services.staff.users import add_user, create_first_administrator

PASSWORD = "benchmark-password-1"


def _ms(runs: int, action: object) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "b.sqlite3", create=True)
        store = SqlStore(db, passwords=product_passwords())
        admin = create_first_administrator(store, "admin", "Ada Admin", PASSWORD)
        add_user(store, admin, "pharm.a", "Paula Apothecary", Role.PHARMACIST, PASSWORD)
        stored = store.read(lambda uow: uow.users.by_username("pharm.a"))
        assert stored is not None
        check = _ms(runs, lambda: store.passwords.check(PASSWORD, stored.password_hash))
        sign_in = _ms(runs, lambda: authenticate(store, "pharm.a", PASSWORD))
        user = stored.user
        with_key = _ms(runs * 20, lambda: record_screen_lock(store, user))
        store.keys.forget("pharm.a")
        without_key = _ms(runs * 20, lambda: record_screen_lock(store, user))
        db.close()
    key, digest = new_private_key(), "ab" * 32
    sign = _ms(2000, lambda: sign_text(key, digest))
    signature, public = sign_text(key, digest), public_hex(key)
    check_sig = _ms(2000, lambda: signature_valid(public, digest, signature))
    print(f"product cost: {product_passwords().cost}")  # noqa: T201
    for name, (median, low) in (
        ("password check alone", check),
        ("sign-in (check + key unwrap + signed event)", sign_in),
        ("one audited write, key held (signed)", with_key),
        ("one audited write, no key (unsigned)", without_key),
        ("Ed25519 sign one event hash", sign),
        ("Ed25519 verify one event signature", check_sig),
    ):
        print(f"{name}: median {median:.3f} ms (min {low:.3f} ms)")  # noqa: T201


if __name__ == "__main__":
    main()
