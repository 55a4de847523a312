"""Tests of the pure clinical rules (no Qt, no database)."""
