"""The patient's record as values: identity, measurements and BSA, laboratory results and their
units and plausible ranges, entered-in-error marks."""
