"""Where ino-desk keeps its files: the platform's user data, config, backup and log folders."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

APP_NAME = "ino-desk"
DATABASE_FILE = "ino-desk.sqlite3"
DB_ENV = "INO_DESK_DB"


def _xdg_folder(variable: str, under_home: str) -> Path | None:
    """On Linux, the XDG base-directory rule that platformdirs applies there: the variable
    when it holds an absolute path, else `under_home` in an absolute HOME. Read here because
    importing platformdirs costs every command about 6 ms (its Unix module imports tempfile,
    shutil and random), for the log folder alone (issue 17). None: let platformdirs decide
    (other systems, or no absolute HOME); tests/test_paths.py compares the two."""
    if sys.platform != "linux":
        return None
    chosen = os.environ.get(variable, "")
    if os.path.isabs(chosen):
        return Path(chosen, APP_NAME)
    home = os.environ.get("HOME", "")
    return Path(home, under_home, APP_NAME) if os.path.isabs(home) else None


def data_dir() -> Path:
    folder = _xdg_folder("XDG_DATA_HOME", ".local/share")
    if folder is None:
        from platformdirs import user_data_path

        folder = user_data_path(APP_NAME, appauthor=False)
    return folder


def config_dir() -> Path:
    folder = _xdg_folder("XDG_CONFIG_HOME", ".config")
    if folder is None:
        from platformdirs import user_config_path

        folder = user_config_path(APP_NAME, appauthor=False)
    return folder


def backups_dir() -> Path:
    return data_dir() / "backups"


def log_dir() -> Path:
    """Where the log lives: e.g. ~/.local/state/ino-desk/log on Linux."""
    state = _xdg_folder("XDG_STATE_HOME", ".local/state")
    if state is None:
        from platformdirs import user_log_path

        return user_log_path(APP_NAME, appauthor=False)
    return state / "log"


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
