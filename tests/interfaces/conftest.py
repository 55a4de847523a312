"""Interface tests run on real SQLite files and real loopback sockets."""

from tests.persistence.factories import database, db_path, store

__all__ = ["database", "db_path", "store"]
