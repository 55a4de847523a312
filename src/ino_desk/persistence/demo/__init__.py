"""The demo data set, loaded in bulk."""
