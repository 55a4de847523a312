"""The IV room's work queue (the Today screen)."""
