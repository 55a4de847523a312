"""Use cases: one short function per user action, talking to storage through ports."""
