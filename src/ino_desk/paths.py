"""Where ino-desk keeps its files: the platform's user data, backup and log folders."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

APP_NAME = "ino-desk"
DATABASE_FILE = "ino-desk.sqlite3"
DB_ENV = "INO_DESK_DB"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def backups_dir() -> Path:
    return data_dir() / "backups"


def log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def database_choice(cli_value: str | None = None) -> str | None:
    """`--db` first, then the INO_DESK_DB environment variable: a file path or a server URL."""
    return cli_value or os.environ.get(DB_ENV) or None


def database_path(cli_value: str | None = None) -> Path:
    """`--db PATH` first, then the INO_DESK_DB environment variable, then the data folder."""
    chosen = database_choice(cli_value)
    return Path(chosen).expanduser() if chosen else data_dir() / DATABASE_FILE


def backups_dir_for(db: Path) -> Path:
    """Backups of the default database live in the data folder; others next to their file."""
    if db.absolute() == (data_dir() / DATABASE_FILE).absolute():
        return backups_dir()
    return db.absolute().parent / f"{db.name}-backups"


def downtime_snapshot_for(db: Path | str) -> Path:
    """This workstation's read-only snapshot of `db` (a file, or a server URL) for a downtime
    (issue 18): always in the local data folder, whatever disk or server the database is on;
    one per database."""
    if isinstance(db, Path) and db.absolute() == (data_dir() / DATABASE_FILE).absolute():
        name = "snapshot.sqlite3"
    else:
        where = str(db.absolute()) if isinstance(db, Path) else db
        name = f"snapshot-{_key(where)}.sqlite3"
    return data_dir() / "downtime" / name


def server_anchor_log_for(url: str) -> Path:
    """This workstation's anchor log of the server database `url` (issue 14, 18): a file's
    log lives beside its backups, but a server's backups are the server's, so each
    workstation keeps the heads it saw in its local data folder; one per database."""
    return data_dir() / "anchors" / f"audit-anchors-{_key(url)}.log"


def _key(where: str) -> str:
    return hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:16]
