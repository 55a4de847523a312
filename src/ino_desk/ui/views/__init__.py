"""One module per screen of the workstation."""
