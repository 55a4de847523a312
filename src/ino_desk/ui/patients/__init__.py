"""The patient list and the patient page: record, measurements, labs, corrections."""
