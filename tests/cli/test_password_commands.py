"""`ino-desk users change-password` and password aging from a terminal, in-process on a real
SQLite file and a PostgreSQL server database: an expired password refuses every write (exit 1)
naming the command."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.column_types import utc_text
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.settings import load_settings, save_settings
from tests.cli.inprocess import ADMIN_PW, PEOPLE, InProcessCli, cli
from tests.cli.staffed import staffed_demo
from tests.engines import (
    change,
    engine,
    open_location,
    pg_server,
    pg_template,
    prepared,
    pytest_generate_tests,
)
from tests.people import cheap_passwords

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = [
    "cli",
    "engine",
    "pg_server",
    "pg_template",
    "prepared",
    "pytest_generate_tests",
    "staffed_demo",
]

PHARM_PW = PEOPLE["pharm.a"][2]
NEW_PW = "a-fresh-pharmacist-pw"
PATIENT = ("patient", "add", "--mrn", "AGE-1", "--family", "Aged", "--given", "Pat",
           "--born", "1970-01-01", "--sex", "female", "--allergies", "none-known")  # fmt: skip


@pytest.fixture
def db(staffed_demo: Callable[[int], str]) -> str:
    return staffed_demo(1)


def _age_passwords(db: str, days_ago: int, max_age_days: int) -> None:
    """The site turns aging on; every password was set `days_ago` days ago."""
    database = open_location(db)
    try:
        store = SqlStore(database, passwords=cheap_passwords())
        admin = store.read(lambda uow: uow.users.by_username("admin"))
        assert admin is not None
        aging = replace(load_settings(store), password_max_age_days=max_age_days)
        save_settings(store, aging, admin.user, "security policy")
    finally:
        database.close()
    then = utc_text(datetime.now(UTC) - timedelta(days=days_ago))
    change(db, "UPDATE users SET password_changed_at = :then", then=then)


def test_an_expired_password_refuses_writes_until_changed(cli: InProcessCli, db: str) -> None:
    _age_passwords(db, days_ago=40, max_age_days=30)
    refused = cli("--db", str(db), *PATIENT, "--user", "pharm.a", password=PHARM_PW)
    assert refused.code == 1
    assert refused.err == (
        "refused: The password of pharm.a is older than 30 days (site policy); it must be "
        "changed before anything else. Change it with: ino-desk users change-password "
        "--user pharm.a\n"
    )
    wrong = cli("--db", str(db), "users", "change-password", "--user", "pharm.a",
                password="not-the-password", new_password=NEW_PW)  # fmt: skip
    assert (wrong.code, wrong.err) == (1, "refused: The user name or password is not right.\n")
    same = cli("--db", str(db), "users", "change-password", "--user", "pharm.a",
               password=PHARM_PW, new_password=PHARM_PW)  # fmt: skip
    assert same.code == 2
    assert "must differ from the current one" in same.err
    changed = cli("--db", str(db), "users", "change-password", "--user", "pharm.a",
                  password=PHARM_PW, new_password=NEW_PW)  # fmt: skip
    assert (changed.code, changed.out) == (0, "password of pharm.a changed\n")
    assert cli("--db", str(db), *PATIENT, "--user", "pharm.a", password=NEW_PW).code == 0
    # The administrator's password is as old: user administration is refused too.
    admin = cli("--db", str(db), "users", "list", "--user", "admin", password=ADMIN_PW)
    assert admin.code == 1
    assert "ino-desk users change-password --user admin" in admin.err


def test_change_password_without_aging_and_on_no_database(
    cli: InProcessCli, db: str, tmp_path: Path
) -> None:
    changed = cli("--db", str(db), "users", "change-password", "--user", "pharm.a",
                  password=PHARM_PW, new_password=NEW_PW)  # fmt: skip
    assert changed.code == 0, changed.err
    listed = cli("--db", str(db), "users", "list", "--user", "pharm.a", password=NEW_PW)
    assert listed.code == 1  # signed in with the new password, but may not manage users
    assert "may not manage users" in listed.err
    missing = tmp_path / "missing.sqlite3"
    gone = cli("--db", str(missing), "users", "change-password", "--user", "pharm.a",
               password=PHARM_PW, new_password=NEW_PW)  # fmt: skip
    assert gone.code == 4
    assert not missing.exists()
