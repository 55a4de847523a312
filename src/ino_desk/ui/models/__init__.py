"""Thin Qt item models over plain row objects (no storage, no clinical arithmetic)."""
