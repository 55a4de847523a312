"""The composition root's choice of database: the file or server database that `--db` /
INO_DESK_DB names (the data folder's file by default). Only `persistence` knows the engine;
this module only asks it whether the name is a server URL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.cli.parser import UsageError

if TYPE_CHECKING:
    from ino_desk.domain.staff.password_hashes import Argon2Cost
    from ino_desk.persistence.sqlite.sqlite_engine import Database
    from ino_desk.services.ports.admin import DatabaseAdmin


def check_server_url(text: str) -> None:
    """--db as a URL: a postgresql:// one, without a password (SQLAlchemy loads only then)."""
    if "://" not in text:
        return
    from ino_desk.persistence.server.server import is_server_url, url_problem

    if not is_server_url(text):
        raise UsageError("--db: give a database file or a postgresql:// URL")
    problem = url_problem(text)
    if problem is not None:
        raise UsageError(f"--db: {problem}")


def database_admin(db: str | None, minimum: Argon2Cost) -> DatabaseAdmin:
    """`minimum`: the password verifier's; `audit verify` reports any stored hash below it."""
    from ino_desk import paths, workstation
    from ino_desk.persistence.admin import SqlDatabaseAdmin
    from ino_desk.persistence.server.server import is_server_url

    chosen = paths.database_choice(db)
    pinned = workstation.pinned_admin_key()
    if is_server_url(chosen):
        from ino_desk.persistence.server.server_admin import ServerDatabaseAdmin

        return ServerDatabaseAdmin(str(chosen), pinned, minimum)
    path = paths.database_path(db)
    return SqlDatabaseAdmin(path, paths.backups_dir_for(path), pinned, minimum)


def open_chosen_database(db: str | None, *, create: bool) -> Database:
    """The file or server database `--db` / INO_DESK_DB names (the data folder's by default)."""
    from ino_desk import paths
    from ino_desk.persistence.server.server import is_server_url, open_server_database
    from ino_desk.persistence.sqlite.database import open_database

    chosen = paths.database_choice(db)
    if is_server_url(chosen):
        return open_server_database(str(chosen), create=create)
    path = paths.database_path(db)
    return open_database(path, backups_dir=paths.backups_dir_for(path), create=create)
