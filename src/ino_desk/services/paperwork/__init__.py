"""Documents: order sheets, bag labels, the downtime pack, billing and FHIR exports, and the record
of each issue."""
