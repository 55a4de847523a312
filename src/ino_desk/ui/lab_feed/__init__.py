"""The laboratory interface: the drop-folder listener and its settings dialog."""
