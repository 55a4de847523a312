"""The application around the screens: start, main window, sign-in state, locks,
downtime, crash report."""
