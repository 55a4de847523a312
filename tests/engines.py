"""The same tests on SQLite and on a real PostgreSQL server: the `engine` parameter.

`scripts/test` starts a throw-away server (`scripts/test-postgres`) and names it in
INO_DESK_TEST_PG. Each test gets its own server database, cloned from a template migrated once
per session and per xdist worker (`CREATE DATABASE ... TEMPLATE`), so a test starts from the
same empty, migrated state on both engines. Without a server the PostgreSQL cases skip with
the reason, except in CI (CI=true), where they fail: there the slice must run.

A test module that is about the SQLite file itself (its bytes, modes, backups, damage) says
`pytestmark = pytest.mark.sqlite_only`; every other test asking for `database` or `store`
runs on both engines.
"""

from __future__ import annotations

import itertools
import os
import queue
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ino_desk.persistence.server.server import open_server_database
from ino_desk.persistence.sqlite.database import open_database
from tests.templates import from_template

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ino_desk.persistence.sqlite.sqlite_engine import Database

SERVER_ENV = "INO_DESK_TEST_PG"
ENGINES = ("sqlite", "postgresql")
_numbers = itertools.count(1)
# PostgreSQL 15's default clone strategy (WAL_LOG) writes every block of the template through
# the WAL: for these small databases copying the files is about twice as fast (17 vs 36 ms
# per clone on the test server, and half the drop time), at the price of a checkpoint, which
# costs nothing with fsync off.
CLONE = "STRATEGY FILE_COPY"


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main").replace("-", "_")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Both engines for every test that opens the store, unless its module is SQLite-only."""
    wanted = {"database", "store", "engine", "db_location"} & set(metafunc.fixturenames)
    if not wanted or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if "engine" not in metafunc.fixturenames:
        metafunc.fixturenames.append("engine")
    metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


def _admin_connect(server: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(server, autocommit=True)


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The maintenance URL of the test server (postgresql://postgres@127.0.0.1:PORT/postgres)."""
    server = os.environ.get(SERVER_ENV, "")
    if not server:
        reason = (
            f"no PostgreSQL test server ({SERVER_ENV} unset): ./scripts/test starts one where "
            "Debian's postgresql package is installed"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the PostgreSQL slice: {reason}")
        pytest.skip(reason)
    return server


def server_database_url(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


class _Clones:
    """Databases cloned from the template one step ahead, and dropped behind, on a thread of
    their own: copying a database is the server's slowest step, so it overlaps the tests."""

    AHEAD = 2

    def __init__(self, server: str, template: str) -> None:
        self._server, self._template = server, template
        self._ready: queue.Queue[str | BaseException] = queue.Queue()
        self._jobs: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, daemon=True)
        self._thread.start()
        for _ in range(self.AHEAD):
            self._order()

    def _order(self) -> None:
        self._jobs.put(("create", f"ino_t_{_worker()}_{os.getpid()}_{next(_numbers)}"))

    def _work(self) -> None:
        with _admin_connect(self._server) as admin:
            while (job := self._jobs.get()) is not None:
                verb, name = job
                try:
                    if verb == "create":
                        admin.execute(f"CREATE DATABASE {name} TEMPLATE {self._template} {CLONE}")
                        self._ready.put(name)
                    else:
                        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                except Exception as exc:  # handed to the test that waits for it
                    if verb == "create":
                        self._ready.put(exc)

    def take(self) -> str:
        self._order()
        got = self._ready.get(timeout=120)
        if isinstance(got, BaseException):
            raise got
        return got

    def give_back(self, name: str) -> None:
        self._jobs.put(("drop", name))

    def close(self) -> None:
        for _ in range(self.AHEAD):
            got = self._ready.get(timeout=120)
            if isinstance(got, str):
                self.give_back(got)
        self._jobs.put(None)
        self._thread.join(timeout=120)


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> Iterator[_Clones]:
    """A database migrated to head once per session and worker; each test's is cloned from it."""
    name = f"ino_tpl_{_worker()}_{os.getpid()}"
    with _admin_connect(pg_server) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    migrated = open_server_database(server_database_url(pg_server, name))
    migrated.close()
    clones = _Clones(pg_server, name)
    yield clones
    while _server_templates:
        clones.give_back(_server_templates.pop())
    clones.close()
    with _admin_connect(pg_server) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_database(pg_server: str, pg_template: _Clones) -> Iterator[str]:
    """The URL of a server database for this test alone (a clone of the template), dropped
    afterwards."""
    name = pg_template.take()
    yield server_database_url(pg_server, name)
    pg_template.give_back(name)


@pytest.fixture
def database(
    engine: str, db_path: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Database]:
    """The test's own migrated database: a server clone, or a copy of the session's migrated
    file (what `open_database` would have built there; tests about creating a database open
    their own path)."""
    if engine == "postgresql":
        db = open_server_database(request.getfixturevalue("pg_database"))
    else:
        from_template(request.getfixturevalue("template_database"), db_path)
        db = open_database(db_path, backups_dir=tmp_path / "backups")
    yield db
    db.close()


@pytest.fixture
def db_location(engine: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """What `--db` names on this engine: the file's path or the server database's URL."""
    if engine == "postgresql":
        return str(request.getfixturevalue("pg_database"))
    return str(db_path)


def _address(location: str | Path) -> str:
    where = str(location)
    if where.startswith("postgresql://"):
        return where.replace("postgresql://", "postgresql+psycopg://", 1)
    return f"sqlite:///{where}"


def query(location: str | Path, sql: str, **params: object) -> list[tuple[Any, ...]]:
    """Rows of `sql` (named :params) read from a database file or a server database's URL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(_address(location))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def change(location: str | Path, sql: str, **params: object) -> None:
    """Run one writing statement behind the app's back (a test's set-up or a forgery) and
    commit it, on a database file or a server database's URL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(_address(location))
    try:
        with engine.begin() as conn:
            conn.execute(text(sql), params)
    finally:
        engine.dispose()


def open_location(location: str | Path) -> Database:
    """The database `--db location` names: a SQLite file or a server database's URL."""
    where = str(location)
    if where.startswith("postgresql://"):
        return open_server_database(where)
    return open_database(Path(where))


class Prepared:
    """Databases the test modules prepare once per engine through their own steps (users
    created, a course planned: slow steps), shared by every module of the session (of the
    xdist worker) that asks for the same name; each test works on its own copy
    (`copy_database`): the file copied on SQLite, the database cloned on the server. A
    name is one recipe: two modules that build differently use different names."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory
        self._made: dict[tuple[str, str], str] = {}
        self.clones: _Clones | None = None

    def template(
        self,
        name: str,
        engine: str,
        request: pytest.FixtureRequest,
        build: Callable[[str], None],
        start_from: str | None = None,
    ) -> str:
        """The prepared database `name` on `engine`: `build(location)` runs on it once, on an
        empty migrated database or on a copy of the prepared `start_from`."""
        key = (name, engine)
        if key not in self._made:
            folder = self._factory.mktemp(name)
            if engine == "postgresql":
                self.clones = request.getfixturevalue("pg_template")
            if start_from is not None:
                where = _clone(start_from, folder)
            elif engine == "postgresql":
                server = str(request.getfixturevalue("pg_server"))
                assert self.clones is not None
                where = server_database_url(server, self.clones.take())
            else:
                where = str(folder / "template.sqlite3")
            if engine == "postgresql":  # dropped with the session's template (pg_template)
                _server_templates.append(where.rsplit("/", 1)[1])
            build(where)
            self._made[key] = where
        return self._made[key]


def drop_copies(clones: _Clones | None) -> None:
    """The tests' server copies of a module, dropped by the clones' own thread (a drop waits
    for the server's checkpoint; the next module need not)."""
    while _server_copies:
        _server, name = _server_copies.pop()
        if clones is not None:
            clones.give_back(name)


_server_copies: list[tuple[str, str]] = []  # dropped when the module's `prepared` closes
_server_templates: list[str] = []  # prepared templates, dropped when `pg_template` closes
_session: list[Prepared] = []  # the worker's one Prepared, made by the first module


def _clone(template: str, folder: Path) -> str:
    """A copy of a prepared database: the file copied into `folder`, or the server database
    cloned (`CREATE DATABASE ... TEMPLATE`)."""
    if not template.startswith("postgresql://"):
        target = folder / "desk.sqlite3"
        shutil.copyfile(template, target)
        os.chmod(target, 0o600)  # owner-only, as every file ino-desk writes
        return str(target)
    base, source = template.rsplit("/", 1)
    name = f"ino_c_{_worker()}_{os.getpid()}_{next(_numbers)}"
    with _admin_connect(f"{base}/postgres") as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {source} {CLONE}")
    return server_database_url(f"{base}/postgres", name)


def copy_database(template: str, folder: Path) -> str:
    """A test's own copy of a prepared database: the file copied into `folder`, or the server
    database cloned (dropped when the module's `prepared` closes)."""
    where = _clone(template, folder)
    if where.startswith("postgresql://"):
        base, name = where.rsplit("/", 1)
        _server_copies.append((f"{base}/postgres", name))
    return where


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    """The session's prepared databases (built by the first module that asks for each); the
    module's own copies are dropped after it."""
    if not _session:
        _session.append(Prepared(tmp_path_factory))
    yield _session[0]
    drop_copies(_session[0].clones)
