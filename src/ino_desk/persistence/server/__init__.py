"""The PostgreSQL server: its URL, writer serialisation, roles, pg_dump, its error messages."""
