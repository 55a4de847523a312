"""Pieces every screen shares: the desk handle, palette, rights, errors, form and layout helpers."""
