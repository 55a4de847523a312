"""The preparation bench: vials, clock, times, signatures, double check, finish."""
