"""Documents: the only package that imports ReportLab."""
