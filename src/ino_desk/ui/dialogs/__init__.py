"""Modal dialogs that collect one user action's input."""
