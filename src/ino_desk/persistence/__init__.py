"""Storage: the only package that imports SQLAlchemy and Alembic.

Entry points: `database.open_database(path)` then `unit_of_work.SqlStore(database)`.
"""
