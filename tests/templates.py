"""A migrated empty database built once per test session (per xdist worker) and copied for
each test: building one runs every migration through Alembic, a copy is a file copy.

The copy is what `open_database` would have made at that path (migrations are deterministic:
no random id, no clock), owner-only like every file ino-desk writes; tests that are about
creating a database open their own path and do not use it.
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.sqlite.database import open_database

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(path).close()
    assert not os.path.exists(f"{path}-wal")  # one self-contained file to copy
    return path


def from_template(template: Path, dest: Path) -> Path:
    """`dest` becomes a new migrated database (unless a file is already there)."""
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, dest)
        os.chmod(dest, 0o600)
    return dest
