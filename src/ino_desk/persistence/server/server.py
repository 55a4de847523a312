"""A PostgreSQL server database shared by many workstations (`--db postgresql://...`).

The same records, migrations and unit of work as the SQLite file; what differs stays here:
the URL (never with a password in it: libpq reads it from PGPASSFILE / ~/.pgpass), how write
transactions are serialised, and how the server's failures are told in plain words.

Writers are serialised as SQLite's `BEGIN IMMEDIATE` does: every write transaction starts by
locking the audit chain's head row (`SELECT ... FOR UPDATE`), so what an action read and
judged cannot change before it commits, and the chain stays linear. Readers never wait.
A lock wait that times out (55P03), a deadlock (40P01) or a serialisation failure (40001)
is retried by the unit of work; the user sees an error only when retrying cannot resolve it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from ino_desk.persistence.audit.audit import GENESIS_HASH, HEAD_ID
from ino_desk.persistence.server import server_messages
from ino_desk.persistence.sqlite.sqlite_engine import WRITE, Database
from ino_desk.services.store_errors import StoreUnavailableError

if TYPE_CHECKING:
    from sqlalchemy import Connection


log = logging.getLogger(__name__)

SCHEMES = frozenset({"postgresql", "postgres", "postgresql+psycopg"})
DRIVER = "postgresql+psycopg"
LOCK_TIMEOUT_MS = 10_000  # one wait for the audit head; the unit of work retries after it
CONNECT_TIMEOUT_S = 10
# pg_advisory_xact_lock key: two workstations starting a new version migrate one at a time.
MIGRATION_LOCK = 0x1D0DE5C


def is_server_url(text: str | None) -> bool:
    """True for `postgresql://...` (and `postgres://`); a file path otherwise."""
    if not text or "://" not in text:
        return False
    return text.split("://", 1)[0].lower() in SCHEMES


def url_problem(text: str) -> str | None:
    """Why `text` cannot be used as a server URL, in words for the --db message."""
    try:
        url = make_url(text)
    except ArgumentError:
        return "it is not a valid postgresql:// URL"
    if url.password is not None:
        return (
            "do not put the password in the URL (it would be seen in process lists and shell "
            "history); put it in the owner-only file PGPASSFILE or ~/.pgpass"
        )
    if not url.database:
        return "name the database: postgresql://USER@HOST/DATABASE"
    return None


def server_url(text: str) -> URL:
    problem = url_problem(text)
    if problem is not None:
        raise StoreUnavailableError(f"The database URL cannot be used: {problem}.")
    return make_url(text).set(drivername=DRIVER)


def shown(url: URL | str) -> str:
    """The URL as ino-desk prints and logs it: never a password."""
    parsed = make_url(url) if isinstance(url, str) else url
    return parsed.set(drivername="postgresql").render_as_string(hide_password=True)


def libpq_url(url: URL) -> str:
    """The URL for libpq tools (pg_dump): TLS and other parameters pass through unchanged."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def make_server_engine(url: URL) -> Engine:
    engine = create_engine(
        url,
        hide_parameters=True,  # row data never enters an error text
        pool_pre_ping=True,  # a server restarted since the last action: reconnect silently
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "ino-desk",
            "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}",
        },
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE, False):
            conn.exec_driver_sql(f"SELECT last_seq FROM audit_head WHERE id = {HEAD_ID} FOR UPDATE")

    return engine


def _revision(conn: Connection) -> str | None:
    from ino_desk.persistence import migrate

    tables = set(conn.dialect.get_table_names(conn))
    if "alembic_version" not in tables:
        if tables:
            raise StoreUnavailableError(
                "The server database holds tables of another program and no ino-desk schema; "
                "give ino-desk a database of its own."
            )
        return None
    return migrate.current_revision(conn)


def open_server_database(address: str, *, create: bool = True, upgrade: bool = True) -> Database:
    """Open the server database, migrated to head (created when empty and `create`).

    No file backup is taken before migrating: the server's backups are pg_dump's and base
    backups' job, and the migration runs in one transaction that either commits whole or not.
    """
    from ino_desk.persistence import migrate

    url = server_url(address)
    location = shown(url)
    engine = make_server_engine(url)
    try:
        with engine.connect() as conn:
            revision = _revision(conn)
        if revision is not None and revision not in migrate.known_revisions():
            from ino_desk.persistence.sqlite import messages

            raise messages.newer_schema_at(location, revision)
        if revision is None and not create:
            raise StoreUnavailableError(f"The server database {location} holds no ino-desk data.")
        if upgrade and revision != migrate.head_revision():
            with engine.begin() as conn:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                migrate.upgrade(conn)  # a no-op when another workstation just did it
                ensure_head_row(conn)
    except DBAPIError as exc:
        engine.dispose()
        raise server_messages.explain(exc.orig or exc, location) or server_messages.failed(
            location, exc.orig or exc
        ) from None
    except BaseException:
        engine.dispose()
        raise
    return Database(
        None,
        engine,
        engine.execution_options(**{WRITE: True}),
        location=location,
        explain=lambda exc: server_messages.explain(exc, location),
        url=url,
    )


def ensure_head_row(conn: Connection) -> None:
    """The head row exists from the start, so the first writers already lock one row."""
    conn.execute(
        text(
            "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (:id, 0, :genesis) "
            "ON CONFLICT (id) DO NOTHING"
        ),
        {"id": HEAD_ID, "genesis": GENESIS_HASH},
    )


def is_retryable(exc: BaseException) -> bool:
    return getattr(exc, "sqlstate", None) in server_messages.RETRY_SQLSTATES


def sync_sequences(conn: Connection, tables: list[str]) -> None:
    """After rows were inserted with their ids (bulk demo data), the next id follows them."""
    for name in tables:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false) "
                f"WHERE pg_get_serial_sequence('{name}', 'id') IS NOT NULL"
            )
        )
