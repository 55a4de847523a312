"""Bench tests run on real SQLite files in temporary folders."""

from tests.persistence.factories import database, db_path, store

__all__ = ["database", "db_path", "store"]
