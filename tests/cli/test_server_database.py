"""`--db postgresql://...`: the commands on a real PostgreSQL server database (issue 18).

Least privilege (`db init-server`: the app role is refused when it tries to change or remove
an audit event), `db check` / `audit verify` with the server's own checks, `db backup` by
pg_dump, `db restore` refused, a password never taken in the URL nor logged, a server that
cannot be reached, and a second workstation that sees the first one's saved cycle at once.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from typing import TYPE_CHECKING

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from ino_desk.logging_setup import redact
from ino_desk.persistence.records import Base
from ino_desk.persistence.server.server import libpq_url, open_server_database, server_url
from ino_desk.persistence.unit_of_work import SqlStore
from tests.cli.inprocess import ADMIN_PW, InProcessCli, cli
from tests.engines import pg_database, pg_server, pg_template, query
from tests.people import cheap_passwords
from tests.persistence.factories import NOW, first_cycle

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules

__all__ = ["cli", "pg_database", "pg_server", "pg_template"]


def _user_url(url: str, user: str) -> str:
    rest = url.split("://", 1)[1].split("@", 1)[1]
    return f"postgresql://{user}@{rest}"


@pytest.fixture
def roles(pg_server: str, pg_database: str) -> Iterator[tuple[str, str]]:
    """An owner and an app role named for this test alone (roles are server-wide), removed
    with what they own and were granted in this test's database."""
    tag = f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}".replace("-", "_")
    owner, app = f"ino_owner_{tag}", f"ino_app_{tag}"
    yield owner, app
    with psycopg.connect(pg_database, autocommit=True) as conn:
        for role in (app, owner):
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                conn.execute(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER')
                conn.execute(f'DROP OWNED BY "{role}"')
    with psycopg.connect(pg_server, autocommit=True) as admin:
        for role in (app, owner):
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_the_app_role_works_but_cannot_change_or_remove_an_audit_event(
    cli: InProcessCli, pg_database: str, pg_server: str, roles: tuple[str, str]
) -> None:
    owner, app = roles
    done = cli("--db", pg_database, "db", "init-server", "--owner", owner, "--app", app)
    assert done.code == 0, done.err
    assert f"{app} may read and write the records" in done.out
    again = cli("--db", pg_database, "db", "init-server", "--owner", owner, "--app", app)
    assert again.code == 0, again.err  # repeatable, as after each upgrade
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'ALTER ROLE "{app}" LOGIN')
    as_app = _user_url(pg_database, app)
    cli.staffed_demo(as_app, patients=2)
    assert cli("--db", as_app, "audit", "verify").code == 0
    for statement in (
        "UPDATE audit_events SET who = 'someone.else' WHERE seq = 1",
        "DELETE FROM audit_events WHERE seq = 1",
        "TRUNCATE audit_events",
    ):
        with (
            psycopg.connect(as_app, autocommit=True) as conn,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            conn.execute(statement)
    # Even a role that holds the privilege (here the superuser) meets the trigger.
    with (
        psycopg.connect(pg_database, autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="never changed"),
    ):
        conn.execute("DELETE FROM audit_events WHERE seq = 1")
    assert cli("--db", as_app, "audit", "verify").code == 0


def test_check_verify_and_a_change_behind_the_apps_back(
    cli: InProcessCli, pg_database: str
) -> None:
    assert cli("--db", pg_database, "demo", "--patients", "5", "--seed", "1").code == 0
    checked = cli("--db", pg_database, "db", "check")
    assert checked.code == 0, checked.out
    for line in ("readable: ok", "integrity: ok", "foreign keys: ok", "schema: ok",
                 "audit trail: ok"):  # fmt: skip
        assert line in checked.out, checked.out
    assert "PRAGMA" not in checked.out + checked.err
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("UPDATE patients SET family_name = 'Changed' WHERE id = 1")
    verified = cli("--db", pg_database, "audit", "verify")
    assert verified.code == 1
    assert "patients row 1 differs from its last audited state" in verified.out


def test_backup_is_pg_dump_and_restore_is_refused(
    cli: InProcessCli, pg_database: str, tmp_path: Path
) -> None:
    if shutil.which("pg_dump") is None:
        os.environ["PATH"] += os.pathsep + _postgres_bin()
    cli.staffed_demo(pg_database, patients=2)
    dest = tmp_path / "server.dump"
    done = cli("--db", pg_database, "db", "backup", str(dest), "--user", "admin",
               password=ADMIN_PW)  # fmt: skip
    assert done.code == 0, done.err
    assert "pg_dump in its custom format" in done.out
    assert dest.read_bytes()[:5] == b"PGDMP"  # the custom format's signature
    assert dest.stat().st_mode & 0o777 == 0o600
    refused = cli("--db", pg_database, "db", "restore", str(dest), "--user", "admin",
                  password=ADMIN_PW)  # fmt: skip
    assert refused.code == 4
    assert "never replaces a live server database" in refused.err
    assert "pg_restore" in refused.err


def _postgres_bin() -> str:
    found = sorted(p for p in os.listdir("/usr/lib/postgresql"))
    return f"/usr/lib/postgresql/{found[-1]}/bin"


def test_a_password_in_the_url_is_refused_and_never_logged(cli: InProcessCli) -> None:
    done = cli("--db", "postgresql://ino_app:s3cret-pw@127.0.0.1:1/inodesk", "db", "check")
    assert done.code == 2
    assert "PGPASSFILE" in done.err
    assert "s3cret-pw" not in done.err + done.out
    if cli.log_file.exists():
        assert "s3cret-pw" not in cli.log_file.read_text()
    assert "s3cret" not in redact("lost postgresql://ino_app:s3cret@db.example/inodesk")


def test_a_server_that_cannot_be_reached_is_one_line_exit_4(cli: InProcessCli) -> None:
    done = cli("--db", "postgresql://ino_app@127.0.0.1:9/inodesk", "audit", "verify")
    assert done.code == 4, done.err
    assert "cannot be reached" in done.err
    assert "Traceback" not in done.err
    assert len(done.err.strip().splitlines()) == 1


def test_tls_settings_pass_through_the_url() -> None:
    given = "postgresql://ino_app@db.example/inodesk?sslmode=verify-full&sslrootcert=/etc/ca.pem"
    url = server_url(given)
    assert dict(url.query) == {"sslmode": "verify-full", "sslrootcert": "/etc/ca.pem"}
    assert "sslmode=verify-full" in libpq_url(url)


def test_models_and_migrations_agree_on_the_server(pg_database: str) -> None:
    db = open_server_database(pg_database)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()


def test_a_second_workstation_sees_the_first_ones_saved_cycle_at_once(
    pg_database: str, rules: ClinicalRules
) -> None:
    first = open_server_database(pg_database)
    second = open_server_database(pg_database)  # its own engine and connections
    try:
        saved = first_cycle(SqlStore(first, clock=lambda: NOW, passwords=cheap_passwords()), rules)
        cycle_id = saved.cycle.id
        assert cycle_id is not None
        seen = query(pg_database, "SELECT start FROM cycles WHERE id = :id", id=cycle_id)
        assert seen == [(date(2026, 3, 2),)]
        store = SqlStore(second, clock=lambda: NOW, passwords=cheap_passwords())
        cycle = store.read(lambda uow: uow.cycles.get(cycle_id))
        assert cycle.start == date(2026, 3, 2)
    finally:
        first.close()
        second.close()


def test_the_url_from_the_environment_and_demo_data_only_into_an_empty_database(
    cli: InProcessCli, pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INO_DESK_DB", pg_database)
    done = cli("demo", "--patients", "3", "--seed", "1")
    assert done.code == 0, done.err
    assert query(pg_database, "SELECT count(*) FROM patients") == [(3,)]
    again = cli("demo", "--patients", "3", "--seed", "1")
    assert again.code == 2
    assert "demo data only goes into an empty database" in again.err
