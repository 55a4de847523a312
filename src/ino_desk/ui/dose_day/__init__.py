"""One dose day: gates, checklist, premedication, order signatures, given / held / omitted."""
