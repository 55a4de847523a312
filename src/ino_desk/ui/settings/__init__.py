"""Site settings."""
