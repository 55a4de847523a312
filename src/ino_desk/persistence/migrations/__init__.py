"""Alembic migrations of the ino-desk database, applied by `persistence.migrate`."""
