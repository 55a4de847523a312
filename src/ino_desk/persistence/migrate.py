"""Alembic migrations shipped in the package, run from code (no alembic.ini, no env.py)."""

from __future__ import annotations

import functools
import re
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
    """The newest shipped revision, read from the migration files themselves: opening a
    database compares its stored revision with this, so no start imports Alembic."""
    return known_revisions()[-1]


_REVISION = re.compile(r"^revision\s*=\s*[\"'](?P<id>[^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*=\s*(?:None|[\"'](?P<id>[^\"']+)[\"'])", re.MULTILINE)


def known_revisions() -> list[str]:
    """Oldest first."""
    return list(_chain())


@functools.cache
def _chain() -> tuple[str, ...]:
    """Oldest first: the chain from the revision without `down_revision` to the head.

    Each shipped migration states `revision = "..."` and `down_revision = ...` at the top of
    its module; a file that does not, or a chain that forks or breaks, is a packaging fault."""
    parents: dict[str, str | None] = {}
    for module in sorted((MIGRATIONS_DIR / "versions").glob("r*.py")):
        text = module.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision is None or down is None:
            raise RuntimeError(f"{module.name} does not state its revision and down_revision")
        parents[revision["id"]] = down["id"]
    children = {parent: child for child, parent in parents.items()}
    if len(children) != len(parents):
        raise RuntimeError("the shipped migrations fork: two revisions share a down_revision")
    chain: list[str] = []
    current = children.get(None)
    while current is not None:
        chain.append(current)
        current = children.get(current)
    if not chain or len(chain) != len(parents):  # pragma: no cover - a packaging fault
        raise RuntimeError("the shipped migrations do not form one chain")
    return tuple(chain)


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection, target: str = "head") -> None:
    """Run the migrations up to `target` inside the caller's transaction."""
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext

    from ino_desk.persistence.records import Base

    script = script_directory()

    def steps(revision: Any, _context: Any) -> Any:
        # What alembic.command.upgrade itself passes to its context (no public spelling).
        return script._upgrade_revs(target, revision)  # noqa: SLF001

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with EnvironmentContext(config, script, fn=steps, destination_rev=target) as env:
        env.configure(connection=conn, target_metadata=Base.metadata)
        with env.begin_transaction():
            env.run_migrations()
