"""The patient's chart: registration, measurements, laboratory results, the overview, entered-in-
error marks."""
