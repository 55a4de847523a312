"""The database file: opening it safely, its engine and pragmas, read-only snapshots, the
network-filesystem refusal, the leftovers of killed runs, driver errors in plain words."""
