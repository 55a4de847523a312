"""The laboratory feed: HL7 results in, the code table, the review queue."""
