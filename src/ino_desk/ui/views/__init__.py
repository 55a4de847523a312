"""Screens of the desktop interface, one module per screen."""
