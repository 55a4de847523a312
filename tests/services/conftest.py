"""Service tests run on real SQLite files in temporary folders and, where a test is not about
the file itself, on a real PostgreSQL server database too (tests/engines.py)."""

from tests.engines import (
    database,
    db_location,
    engine,
    pg_database,
    pg_server,
    pg_template,
    pytest_generate_tests,
)
from tests.persistence.factories import db_path, store

__all__ = [
    "database",
    "db_location",
    "db_path",
    "engine",
    "pg_database",
    "pg_server",
    "pg_template",
    "pytest_generate_tests",
    "store",
]
