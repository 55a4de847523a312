"""The audit chain and its checks: events, `audit verify` with the signing keys, the anchor
log outside the file, `db check`."""
