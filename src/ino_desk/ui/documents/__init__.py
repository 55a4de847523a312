"""Print preview of the issued documents."""
