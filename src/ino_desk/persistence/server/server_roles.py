"""`db init-server`: least privilege on a PostgreSQL server database.

Run once by the server's administrator (a superuser, or a role with CREATEROLE that owns the
database), and again after each ino-desk upgrade; every step may be repeated:

- an owner role (NOLOGIN unless it exists) owns the tables and runs the migrations;
- an app role, the one the workstations sign in as, may read and write the clinical tables
  but never UPDATE, DELETE or TRUNCATE an audit event: those privileges are revoked, and a
  trigger refuses the change even for a role that gets them back by mistake;
- no password is set or stored here: the administrator sets them on the server
  (`ALTER ROLE ... PASSWORD` in psql) and each workstation keeps its own in PGPASSFILE.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import text

from ino_desk.persistence import migrate
from ino_desk.persistence.server.server import (
    MIGRATION_LOCK,
    ensure_head_row,
    make_server_engine,
    server_url,
    shown,
)
from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import Connection

ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
AUDIT_TABLE = "audit_events"
_REFUSE = """
CREATE OR REPLACE FUNCTION ino_desk_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are never changed or removed'
    USING ERRCODE = 'insufficient_privilege';
END $$
"""
_TRIGGERS = (
    "CREATE OR REPLACE TRIGGER ino_desk_audit_row_guard BEFORE UPDATE OR DELETE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION ino_desk_refuse_audit_change()",
    "CREATE OR REPLACE TRIGGER ino_desk_audit_truncate_guard BEFORE TRUNCATE ON audit_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION ino_desk_refuse_audit_change()",
)


def _role(name: str, what: str) -> str:
    if not ROLE_NAME.fullmatch(name):
        raise StoreError(
            f"The {what} role name {name!r} is not usable: lower-case letters, digits and _ "
            "only, starting with a letter or _, at most 63 characters."
        )
    return name


def init_server(address: str, owner: str, app: str) -> list[str]:
    """Set up the roles, migrate as the owner, grant and guard; the steps done, in words."""
    owner, app = _role(owner, "owner"), _role(app, "app")
    if owner == app:
        raise StoreError("The owner and the app role must be two different roles.")
    url = server_url(address)
    engine = make_server_engine(url)
    done: list[str] = []
    try:
        with engine.begin() as conn:
            database = str(conn.exec_driver_sql("SELECT current_database()").scalar_one())
            for role in (owner, app):
                if _create_role(conn, role):
                    done.append(f"role {role} created (NOLOGIN until you give it a password)")
            conn.exec_driver_sql(f'GRANT "{owner}" TO CURRENT_USER')  # to act as the owner
            conn.exec_driver_sql(f'ALTER DATABASE "{database}" OWNER TO "{owner}"')
            conn.exec_driver_sql(f'ALTER SCHEMA public OWNER TO "{owner}"')
            conn.exec_driver_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA public TO "{app}"')
            conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO "{app}"')
            conn.exec_driver_sql(f'SET ROLE "{owner}"')
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            _own_existing_tables(conn, owner)
            migrate.upgrade(conn)
            ensure_head_row(conn)
            done.append(f"schema at version {migrate.head_revision()}, owned by {owner}")
            _grant_app(conn, owner, app)
            done.append(
                f"{app} may read and write the records, never change or remove an audit event"
            )
            conn.exec_driver_sql("RESET ROLE")
    finally:
        engine.dispose()
    done.append(f"workstations use: postgresql://{app}@HOST/{database} ({shown(url)} here)")
    return done


def _create_role(conn: Connection, role: str) -> bool:
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    if exists:
        return False
    conn.exec_driver_sql(f'CREATE ROLE "{role}" NOLOGIN')
    return True


def _own_existing_tables(conn: Connection, owner: str) -> None:
    """Tables migrated earlier by another role become the owner's (a re-run after a first
    start as a superuser)."""
    rows = conn.exec_driver_sql(
        f"SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '{owner}'"
    ).fetchall()
    if rows:
        conn.exec_driver_sql("RESET ROLE")
        for (name,) in rows:
            conn.exec_driver_sql(f'ALTER TABLE "{name}" OWNER TO "{owner}"')
        conn.exec_driver_sql(f'SET ROLE "{owner}"')


def _grant_app(conn: Connection, owner: str, app: str) -> None:
    for statement in (
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{app}"',
        f'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "{app}"',
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public '
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{app}"',
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public '
        f'GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "{app}"',
        f'REVOKE UPDATE, DELETE, TRUNCATE ON {AUDIT_TABLE} FROM PUBLIC, "{app}"',
        f'REVOKE ALL ON alembic_version FROM "{app}"',
        f'GRANT SELECT ON alembic_version TO "{app}"',
        _REFUSE,
        *_TRIGGERS,
    ):
        conn.exec_driver_sql(statement)
