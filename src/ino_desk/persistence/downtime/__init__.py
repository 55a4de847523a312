"""The downtime snapshot: written from the database, opened read-only when it is down."""
