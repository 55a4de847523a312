"""Alembic migrations shipped in the package, run from code (no alembic.ini, no env.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory  # Alembic loads lazily: only when migrating

    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    head = script_directory().get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise RuntimeError("no migrations shipped")
    return head


def known_revisions() -> list[str]:
    """Oldest first."""
    revisions = [r.revision for r in script_directory().walk_revisions()]
    return list(reversed(revisions))


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection, target: str = "head") -> None:
    """Run the migrations up to `target` inside the caller's transaction."""
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext

    from ino_desk.persistence import key_records  # noqa: F401 - its tables join Base.metadata
    from ino_desk.persistence.records import Base

    script = script_directory()

    def steps(revision: Any, _context: Any) -> Any:
        return script._upgrade_revs(target, revision)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with EnvironmentContext(config, script, fn=steps, destination_rev=target) as env:
        env.configure(connection=conn, target_metadata=Base.metadata)
        with env.begin_transaction():
            env.run_migrations()
