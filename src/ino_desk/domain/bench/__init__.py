"""The preparation bench: the bag or syringe a dose is made in, vials and their scans, bench times
and marks, dose rounding, waste."""
