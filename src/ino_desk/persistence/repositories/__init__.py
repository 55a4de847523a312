"""Record <-> entity mappers, one repository per kind of record."""
