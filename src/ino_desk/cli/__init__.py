"""The command line: the same jobs as the GUI, for terminals and other tools."""
