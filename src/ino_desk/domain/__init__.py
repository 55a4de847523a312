"""The clinical rules as pure Python: no framework, no I/O, no global state."""
