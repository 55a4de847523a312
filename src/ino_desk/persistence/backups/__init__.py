"""Backups and restore: plain, gzip-compressed daily and encrypted copies."""
