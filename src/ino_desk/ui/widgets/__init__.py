"""Small reusable widgets of the desktop interface."""
