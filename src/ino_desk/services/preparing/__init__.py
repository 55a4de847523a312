"""The preparation bench: vials, bench times, saved bags, scans, waste, the checklist."""
